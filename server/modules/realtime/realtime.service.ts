import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import type { Metrics } from '../../lib/metrics.js';
import type { EventBus } from './realtime.bus.js';
import type { EventLog, StoredEvent } from './realtime.event-log.js';
import { type SseStream, sseMessage } from './realtime.sse.js';
import { parseLastEventId, StoreHub, type StreamKind, type Subscriber } from './realtime.store-hub.js';

/** The log keeps at least this much history for replays (DESIGN §5: ≥ 24 h). */
export const EVENT_RETENTION_HOURS = 24;
/**
 * How often each replica compares its streams' position with the log. The bus normally delivers
 * in milliseconds; this bounds the delay when a message is lost or Redis is down.
 */
export const CATCH_UP_INTERVAL_MS = 1_000;
/** What a client is told to wait before reconnecting when this replica shuts down. */
export const SHUTDOWN_RETRY_MS = 1_000;

export interface OpenStream {
  storeId: string;
  kind: StreamKind;
  tableId: string | null;
  /** The staff account of an admin stream; null for tablets. */
  adminId: string | null;
  lastEventId: string | undefined;
  stream: SseStream;
  /**
   * Re-checks the stream's credentials; false when they were revoked (table password changed,
   * account deleted, store deactivated, token expired). Run with every heartbeat, and at once
   * when the stream meets an `access.revoked` event that may concern it.
   */
  stillAuthorized: () => Promise<boolean>;
}

export interface RealtimeService {
  /** Takes one of the store's stream slots on this replica; false when all are taken. */
  reserve(storeId: string): boolean;
  /** Gives back a slot whose stream never opened. */
  release(storeId: string): void;
  /** Runs a stream in a slot taken with `reserve`, until the client leaves or the app closes. */
  attach(open: OpenStream): Promise<void>;
  /** Brings every store's streams up to the log (the periodic check, and after a bus outage). */
  catchUpAll(): Promise<void>;
  /** Tells every client to reconnect elsewhere and ends its stream. */
  close(): Promise<void>;
}

export function createRealtimeService(deps: {
  events: EventLog;
  bus: EventBus;
  clock: Clock;
  metrics: Metrics;
  log: FastifyBaseLogger;
  maxStreamsPerStore: number;
  heartbeatMs: number;
}): RealtimeService {
  const { events, bus, clock, metrics, log } = deps;
  const hubs = new Map<string, { hub: StoreHub; slots: number }>();
  const streams = new Set<SseStream>();
  let closed = false;
  let checking: Promise<void> | null = null;
  // An event goes to every stream of its store: frame it once, not once per stream.
  const frames = new WeakMap<StoredEvent, string>();
  const frameOf = (event: StoredEvent) => {
    let frame = frames.get(event);
    if (frame === undefined) {
      frame = sseMessage(event.seq, event.type, event.data);
      frames.set(event, frame);
    }
    return frame;
  };

  const unsubscribe = bus.subscribe((event) => hubs.get(event.storeId)?.hub.heard(event));
  const offReconnect = bus.onReconnect(() => {
    log.info('event bus reconnected: catching streams up from the log');
    void catchUpAll();
  });
  const timer = setInterval(() => void catchUpAll(), CATCH_UP_INTERVAL_MS);
  timer.unref();

  function catchUpAll(): Promise<void> {
    checking ??= (async () => {
      try {
        if (hubs.size === 0) return;
        const latest = await events.latestSeqs([...hubs.keys()]);
        await Promise.all([...hubs.values()].map(({ hub }) => hub.catchUp(latest.get(hub.storeId)).catch(() => {})));
      } catch (err) {
        log.warn({ err }, 'could not check the event log for missed events');
      } finally {
        checking = null;
      }
    })();
    return checking;
  }

  function release(storeId: string): void {
    const entry = hubs.get(storeId);
    if (!entry) return;
    entry.slots -= 1;
    if (entry.slots <= 0) hubs.delete(storeId);
  }

  function subscriberFor(open: OpenStream): Subscriber {
    const { kind, stream } = open;
    return {
      kind,
      tableId: open.tableId,
      adminId: open.adminId,
      cursor: 0,
      send(event: StoredEvent, live: boolean) {
        stream.send(frameOf(event));
        metrics.sseEventsDelivered.inc({ kind });
        if (live) {
          const lag = (clock.now().getTime() - Date.parse(event.createdAt)) / 1000;
          metrics.sseDeliveryLag.observe(Math.max(0, lag));
        }
      },
      resync(head: number) {
        stream.send(sseMessage(head, 'resync', {}));
      },
      recheck: open.stillAuthorized,
      end() {
        log.info({ kind, storeId: open.storeId }, 'event stream ended: its credentials were revoked');
        void stream.end();
      },
    };
  }

  return {
    reserve(storeId) {
      if (closed) return true; // attach ends it at once with a retry hint
      const entry = hubs.get(storeId);
      if (entry && entry.slots >= deps.maxStreamsPerStore) return false;
      if (entry) entry.slots += 1;
      else hubs.set(storeId, { hub: new StoreHub(storeId, { events, log }), slots: 1 });
      return true;
    },

    release,

    async attach(open) {
      const { stream, kind, storeId } = open;
      const entry = hubs.get(storeId);
      if (closed || !entry) {
        void stream.end(SHUTDOWN_RETRY_MS);
        return;
      }
      const { hub } = entry;
      const subscriber = subscriberFor(open);
      streams.add(stream);
      metrics.sseOpenStreams.inc({ kind });
      const heartbeat = setInterval(() => {
        stream.comment('ping');
        open.stillAuthorized().then(
          (ok) => {
            if (!ok) void stream.end();
          },
          () => {},
        );
      }, deps.heartbeatMs);
      heartbeat.unref();
      stream.onClose(() => {
        clearInterval(heartbeat);
        hub.leave(subscriber);
        streams.delete(stream);
        metrics.sseOpenStreams.dec({ kind });
        release(storeId);
      });
      try {
        await hub.join(subscriber, parseLastEventId(open.lastEventId));
      } catch (err) {
        log.warn({ err, storeId }, 'could not start an event stream; the client will retry');
        void stream.end(SHUTDOWN_RETRY_MS);
      }
      // The client may have left while the replay was read.
      if (!stream.isOpen) hub.leave(subscriber);
    },

    catchUpAll,

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      unsubscribe();
      offReconnect();
      const ending = [...streams].map((stream) => stream.end(SHUTDOWN_RETRY_MS));
      // Nothing may still be reading the database when the app closes it.
      await Promise.all([...hubs.values()].map(({ hub }) => hub.idle()));
      await checking;
      await Promise.race([Promise.all(ending), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
    },
  };
}

/** The pruning job: safe on several replicas at once (see EventLog.prune). */
export async function pruneEventLog(deps: { events: EventLog; clock: Clock }): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - EVENT_RETENTION_HOURS * 3_600_000);
  return deps.events.prune(cutoff);
}
