import { sql } from 'drizzle-orm';
import type { EventType } from '../../../contract/events.js';
import type { Order, OrderSource } from '../../../contract/orders.js';
import { type Db, executeNamed, rowsOf } from '../../db/client.js';
import { isRetryableConflict } from '../../lib/db-errors.js';
import type { EventLog, StoredEvent } from '../realtime/realtime.event-log.js';

/** One order as the ordering function takes it (server/db/functions/orders.sql). */
export interface PlaceRequest {
  store_id: string;
  table_id: string;
  order_id: string;
  /** The id a visit gets if this order opens one. */
  session_id: string;
  key: string | null;
  hash: string;
  menu_version: number;
  now: string;
  now_iso: string;
  expire_ms: number;
  idle_ms: number;
  bound_session: string | null;
  /** The cart version a checkout saw; null for an order of lines. */
  cart_version: number | null;
  source: OrderSource;
  note: string | null;
  staff_id: string | null;
  staff_name: string | null;
  total: number;
  lines: Array<Record<string, unknown>>;
  tickets: Array<{ station_id: string; ticket: Record<string, unknown> }>;
  /** The Order as the function completes it (orderNo, sessionId and tableNumber are its). */
  order: Omit<Order, 'orderNo' | 'sessionId' | 'tableNumber'>;
}

export type PlaceResult =
  | {
      status: 'created';
      order: Order;
      session_id: string;
      opened: boolean;
      first_seq: number;
      events: Array<{ type: EventType; table_id: string | null; session_id: string | null; data: unknown }>;
    }
  | { status: 'replay'; hash: string; order_id: string | null }
  | { status: 'no_table' | 'session_expired' | 'session_ended' | 'cart_changed' | 'menu_changed' };

interface Waiting {
  request: PlaceRequest;
  resolve: (result: PlaceResult) => void;
  reject: (err: unknown) => void;
}

/** How many orders one call carries at most. */
const MAX_BATCH = 64;
/** A batch that meets a deadlock or serialization failure is sent again, this many times. */
const ATTEMPTS = 4;

/**
 * Writes orders with group commit. An order arriving while the writer is idle is sent at once,
 * alone (no added latency). Orders arriving while `maxInFlight` calls are under way wait and go
 * together in the next call: one statement, one transaction and one WAL flush for all of them,
 * from any tables and stores. Each order still succeeds or fails alone (a savepoint each), and
 * the batch takes its locks in the project's order, so concurrent batches cannot deadlock with
 * each other or with single writes.
 */
export function createOrderWriter(deps: { db: Db; events: EventLog; maxInFlight: number }) {
  const { db, events } = deps;
  const queue: Waiting[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < deps.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      inFlight += 1;
      void send(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  async function send(batch: Waiting[]): Promise<void> {
    const payload = JSON.stringify(batch.map((w, k) => ({ k, ...w.request })));
    let results: Array<PlaceResult & { k: number }>;
    try {
      results = await call(payload);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    // The transaction has committed: wake the replicas, then answer.
    const stored: StoredEvent[] = [];
    for (const result of results) {
      if (result.status !== 'created') continue;
      const storeId = batch[result.k]?.request.store_id;
      if (!storeId) continue;
      result.events.forEach((event, i) => {
        stored.push({
          storeId,
          seq: Number(result.first_seq) + i,
          tableId: event.table_id,
          otherTableIds: [],
          sessionId: event.session_id,
          type: event.type,
          data: event.data,
          createdAt: batch[result.k]?.request.now_iso ?? new Date().toISOString(),
        });
      });
    }
    await events.committed(stored).catch(() => {});
    for (const result of results) batch[result.k]?.resolve(result);
    // Every request gets an answer; one the function left out would be a bug, not a hang.
    for (const [k, w] of batch.entries()) {
      if (!results.some((r) => r.k === k)) w.reject(new Error('the ordering function answered nothing for an order'));
    }
  }

  async function call(payload: string): Promise<Array<PlaceResult & { k: number }>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await executeNamed(
          db,
          'orders_place_v1',
          sql`SELECT tableorder_place_orders_v1(${payload}::jsonb) AS r`,
        );
        const [row] = rowsOf<{ r: unknown }>(result);
        const value = typeof row?.r === 'string' ? JSON.parse(row.r) : row?.r;
        return value as Array<PlaceResult & { k: number }>;
      } catch (err) {
        if (attempt < ATTEMPTS && isRetryableConflict(err)) continue;
        throw err;
      }
    }
  }

  return {
    /** Places one order; resolves with the function's answer for it once its batch committed. */
    submit(request: PlaceRequest): Promise<PlaceResult> {
      return new Promise((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
  };
}

export type OrderWriter = ReturnType<typeof createOrderWriter>;
