import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../lib/clock.js';
import type { Metrics } from '../../lib/metrics.js';
import type { EventBus } from './realtime.bus.js';
import type { EventLog, StoredEvent } from './realtime.event-log.js';
import { type SseStream, sseMessage } from './realtime.sse.js';
import { parseLastEventId, StoreHub, type StreamKind, type Subscriber } from './realtime.store-hub.js';

/** The log keeps at least this much history for replays (docs/API.md, "Live events": ≥ 24 h). */
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
  /** The staff account of an admin stream; null for tablets and guests. */
  adminId: string | null;
  /** The visit a guest's phone is bound to; null for staff and tablets. */
  sessionId: string | null;
  lastEventId: string | undefined;
  stream: SseStream;
  /**
   * Re-checks the stream's credentials; false when they were revoked (table password changed,
   * account deleted, store deactivated, token expired). Run with every heartbeat, and at once
   * when the stream meets an `access.revoked` event that may concern it.
   */
  stillAuthorized: () => Promise<boolean>;
}

/** Who asks for a stream slot: the caps depend on it. */
export interface StreamClaim {
  storeId: string;
  kind: StreamKind;
  /** The tablet's or guests' table; null for staff. */
  tableId: string | null;
}

/** Streams one tablet may hold (a reload or a second tab while the first closes), per replica. */
export const MAX_STREAMS_PER_TABLET = 3;
/** Streams all the guests' phones of one table may hold together, per replica. */
export const MAX_GUEST_STREAMS_PER_TABLE = 8;
/** Slots of SSE_MAX_CONNECTIONS_PER_STORE that only staff streams may take. */
export const STAFF_RESERVED_STREAMS = 10;

export interface RealtimeService {
  /**
   * Takes a stream slot on this replica, or answers why not: a tablet holds at most 3 streams,
   * a table's guests 8 together, and tablets and phones never take the last 10 of the store's
   * slots, which are kept for staff (people, kitchen screens, the print agent).
   */
  reserve(claim: StreamClaim): 'ok' | 'store-full' | 'principal-full';
  /** Gives back a slot whose stream never opened. */
  release(claim: StreamClaim): void;
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
  const hubs = new Map<string, { hub: StoreHub; slots: number; perTable: Map<string, number> }>();
  const streams = new Set<SseStream>();
  let closed = false;
  let checking: Promise<void> | null = null;
  // An event goes to every stream of its store: frame it once per audience, not once per stream.
  const staffFrames = new WeakMap<StoredEvent, string>();
  const tableFrames = new WeakMap<StoredEvent, string>();
  const frameOf = (event: StoredEvent, kind: StreamKind) => {
    const cache = kind === 'admin' ? staffFrames : tableFrames;
    let frame = cache.get(event);
    if (frame === undefined) {
      frame = sseMessage(event.seq, event.type, kind === 'admin' ? event.data : withoutStaff(event.data));
      cache.set(event, frame);
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

  async function checkAll(): Promise<void> {
    // Yield first: `checking` must be set before this can finish, even with no hub to check.
    await Promise.resolve();
    try {
      if (hubs.size === 0) return;
      const latest = await events.latestSeqs([...hubs.keys()]);
      await Promise.all([...hubs.values()].map(({ hub }) => hub.catchUp(latest.get(hub.storeId)).catch(() => {})));
    } catch (err) {
      log.warn({ err }, 'could not check the event log for missed events');
    } finally {
      checking = null;
    }
  }

  function catchUpAll(): Promise<void> {
    checking ??= checkAll();
    return checking;
  }

  const tableKey = (claim: StreamClaim) => (claim.tableId ? `${claim.kind}:${claim.tableId}` : null);

  function release(claim: StreamClaim): void {
    const entry = hubs.get(claim.storeId);
    if (!entry) return;
    entry.slots -= 1;
    const key = tableKey(claim);
    if (key) {
      const left = (entry.perTable.get(key) ?? 1) - 1;
      if (left <= 0) entry.perTable.delete(key);
      else entry.perTable.set(key, left);
    }
    if (entry.slots <= 0) hubs.delete(claim.storeId);
  }

  function subscriberFor(open: OpenStream): Subscriber {
    const { kind, stream } = open;
    return {
      kind,
      tableId: open.tableId,
      adminId: open.adminId,
      sessionId: open.sessionId,
      cursor: 0,
      send(event: StoredEvent, live: boolean) {
        stream.send(frameOf(event, kind));
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
    reserve(claim) {
      if (closed) return 'ok'; // attach ends it at once with a retry hint
      const { storeId, kind } = claim;
      const entry = hubs.get(storeId);
      const used = entry?.slots ?? 0;
      const limit = kind === 'admin' ? deps.maxStreamsPerStore : deps.maxStreamsPerStore - STAFF_RESERVED_STREAMS;
      if (used >= limit) return 'store-full';
      const key = tableKey(claim);
      const perTable = key ? (entry?.perTable.get(key) ?? 0) : 0;
      if (kind === 'table' && perTable >= MAX_STREAMS_PER_TABLET) return 'principal-full';
      if (kind === 'guest' && perTable >= MAX_GUEST_STREAMS_PER_TABLE) return 'principal-full';
      const target = entry ?? { hub: new StoreHub(storeId, { events, log }), slots: 0, perTable: new Map() };
      target.slots += 1;
      if (key) target.perTable.set(key, perTable + 1);
      hubs.set(storeId, target);
      return 'ok';
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
        release({ storeId, kind, tableId: open.tableId });
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

/** Staff references (who handled a call, who recorded or refunded a payment) never reach tables. */
function withoutStaff(data: unknown): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const record = data as Record<string, unknown>;
  const redact = (value: unknown) =>
    typeof value === 'object' && value !== null
      ? {
          ...value,
          ...('doneBy' in value ? { doneBy: null } : {}),
          ...('createdBy' in value ? { createdBy: null } : {}),
          ...('refundedBy' in value ? { refundedBy: null } : {}),
        }
      : value;
  if ('call' in record) return { ...record, call: redact(record.call) };
  if ('payment' in record) return { ...record, payment: redact(record.payment) };
  return data;
}

/** The pruning job: safe on several replicas at once (see EventLog.prune). */
export async function pruneEventLog(deps: { events: EventLog; clock: Clock }): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - EVENT_RETENTION_HOURS * 3_600_000);
  return deps.events.prune(cutoff);
}
