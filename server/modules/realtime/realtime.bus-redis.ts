import { Redis } from 'ioredis';
import type { EventBus } from './realtime.bus.js';
import type { StoredEvent } from './realtime.event-log.js';

const CHANNEL = 'tableorder:events';

/**
 * Redis pub/sub between replicas. Publishing never waits for a Redis that is down (no offline
 * queue): the change is already committed and streams catch up from the event log when the
 * subscriber reconnects.
 */
export function createRedisBus(url: string): EventBus {
  const retryStrategy = (attempt: number) => Math.min(200 * attempt, 2_000);
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy });
  const sub = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const listeners = new Set<(event: StoredEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  let lostConnection = false;

  // Errors are reported through health(); without listeners ioredis would print every retry.
  pub.on('error', () => {});
  sub.on('error', () => {});
  sub.on('close', () => {
    lostConnection = true;
  });
  sub.on('ready', () => {
    if (!lostConnection) return;
    lostConnection = false;
    for (const listener of reconnectListeners) listener();
  });
  void sub.subscribe(CHANNEL).catch(() => {});
  const notify = (event: StoredEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // One listener failing must not starve the others.
      }
    }
  };
  sub.on('message', (_channel: string, message: string) => {
    const event = parseEvent(message);
    if (event) notify(event);
  });

  return {
    kind: 'redis',
    async publish(event) {
      // This replica's own streams hear it at once, even while Redis is down; the copy coming
      // back from Redis is then a duplicate that listeners drop by cursor.
      notify(event);
      try {
        await pub.publish(CHANNEL, JSON.stringify(event));
      } catch {
        // Redis is down: the event is in the log and will reach streams after reconnecting.
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async health() {
      if (pub.status !== 'ready' || sub.status !== 'ready') return `error: redis ${pub.status}/${sub.status}`;
      try {
        await Promise.race([
          pub.ping(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000).unref()),
        ]);
        return 'ok';
      } catch (err) {
        return `error: ${(err as Error).message}`;
      }
    },
    async close() {
      listeners.clear();
      reconnectListeners.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/** A message from the channel, or null when it is not an event (another program, a bad version). */
function parseEvent(message: string): StoredEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const event = value as Partial<StoredEvent>;
  if (typeof event.storeId !== 'string' || typeof event.type !== 'string') return null;
  if (typeof event.seq !== 'number' || !Number.isSafeInteger(event.seq) || event.seq < 1) return null;
  if (typeof event.createdAt !== 'string') return null;
  return event as StoredEvent;
}
