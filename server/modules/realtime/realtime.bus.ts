import { EventEmitter } from 'node:events';
import type { EventType } from '../../../contract/events.js';

/** An event as the log keeps it and the bus carries it. */
export interface StoredEvent {
  storeId: string;
  /** The SSE cursor: increasing per store, handed out in commit order. */
  seq: number;
  tableId: string | null;
  /** More tables the event concerns (a move or merge names both). */
  otherTableIds: string[];
  /** The visit it belongs to, if any. */
  sessionId: string | null;
  type: EventType;
  data: unknown;
  createdAt: string;
}

/**
 * Wakes replicas up after a commit. It carries whole events so a replica can deliver without a
 * query when nothing was missed, but it is never the source of truth: streams close any gap from
 * the event log, so a lost message only delays delivery.
 */
export interface EventBus {
  readonly kind: 'memory' | 'redis';
  /** Never throws: a bus outage must not fail the request that committed the change. */
  publish(event: StoredEvent): Promise<void>;
  /**
   * Listeners hear every replica's events, including this one's. An event may arrive twice, late,
   * or out of cursor order (two replicas publish concurrently); listeners order by `seq`.
   */
  subscribe(listener: (event: StoredEvent) => void): () => void;
  /** Called when the bus connection comes back after an outage (listeners should catch up). */
  onReconnect(listener: () => void): () => void;
  /** 'ok' or a short reason it is not. */
  health(): Promise<'ok' | string>;
  close(): Promise<void>;
}

/** The single-process bus: delivery is a function call. */
export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'memory',
    async publish(event) {
      emitter.emit('event', event);
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    onReconnect() {
      return () => {};
    },
    async health() {
      return 'ok';
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
