import { and, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import { type DomainEvent, type EventType, VISIT_BOUNDARY_EVENTS } from '../../../contract/events.js';
import { type Db, executeNamed, rowsOf, type Tx } from '../../db/client.js';
import { events, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus, StoredEvent } from './realtime.bus.js';

export type { StoredEvent } from './realtime.bus.js';

export type Emit = (event: DomainEvent) => void;

export interface EventLog {
  /**
   * Runs `work` in one transaction. Events it emits are written to the log in that transaction
   * (so a change and its event commit together or not at all) and published on the bus after
   * the commit. All of a transaction's events belong to one store.
   */
  transaction<T>(storeId: string, work: (tx: Tx, emit: Emit) => Promise<T>): Promise<T>;
  /**
   * Wakes the replicas for events another writer committed to the log itself (the ordering
   * function writes its events in its own statement). Call it after the commit.
   */
  committed(stored: StoredEvent[]): Promise<void>;
  /** Events of a store after `afterSeq`, oldest first. */
  readAfter(storeId: string, afterSeq: number, limit?: number): Promise<StoredEvent[]>;
  /** The store's newest cursor (0 before any event). */
  latestSeq(storeId: string): Promise<number>;
  /** The newest cursor of each of several stores in one query (stores that do not exist are left out). */
  latestSeqs(storeIds: string[]): Promise<Map<string, number>>;
  /**
   * The cursor of the last event up to `upTo` that ended a visit at the table (VISIT_BOUNDARY_EVENTS
   * naming it), or 0: a tablet resuming from an older cursor is replayed nothing before it.
   */
  lastVisitBoundary(storeId: string, tableId: string, upTo: number): Promise<number>;
  /** The oldest cursor still kept for the store, or null when the log holds none. */
  oldestSeq(storeId: string): Promise<number | null>;
  /**
   * Deletes events created before `olderThan`; returns how many. What is left of a store's log
   * stays one gapless run of cursors, so a replay either has every event after a cursor or knows
   * it cannot.
   */
  prune(olderThan: Date): Promise<number>;
}

export function createEventLog(deps: { db: Db; bus: EventBus; clock: Clock }): EventLog {
  const { db, bus, clock } = deps;

  return {
    async transaction(storeId, work) {
      const pending: DomainEvent[] = [];
      let stored: StoredEvent[] = [];
      const result = await db.transaction(async (tx) => {
        const value = await work(tx, (event) => pending.push(event));
        // Written last: the store row lock taken here is held only until the commit.
        stored = await appendEvents(tx, storeId, pending, clock.now());
        return value;
      });
      for (const event of stored) await bus.publish(event);
      return result;
    },

    async committed(stored) {
      for (const event of stored) await bus.publish(event);
    },

    async readAfter(storeId, afterSeq, limit = 1_000) {
      const rows = await db
        .select()
        .from(events)
        .where(and(eq(events.storeId, storeId), gt(events.seq, afterSeq)))
        .orderBy(events.seq)
        .limit(limit);
      return rows.map(toStored);
    },

    async latestSeq(storeId) {
      const [row] = await db.select({ seq: stores.lastEventSeq }).from(stores).where(eq(stores.id, storeId));
      return row?.seq ?? 0;
    },

    async latestSeqs(storeIds) {
      if (storeIds.length === 0) return new Map();
      const rows = await db
        .select({ id: stores.id, seq: stores.lastEventSeq })
        .from(stores)
        .where(inArray(stores.id, storeIds));
      return new Map(rows.map((row) => [row.id, Number(row.seq)]));
    },

    async lastVisitBoundary(storeId, tableId, upTo) {
      const [row] = await db
        .select({ seq: sql<number | null>`max(${events.seq})` })
        .from(events)
        .where(
          and(
            eq(events.storeId, storeId),
            lte(events.seq, upTo),
            inArray(events.type, [...VISIT_BOUNDARY_EVENTS]),
            sql`(${events.tableId} = ${tableId}::uuid OR ${tableId}::uuid = ANY(${events.otherTableIds}))`,
          ),
        );
      return row?.seq == null ? 0 : Number(row.seq);
    },

    async oldestSeq(storeId) {
      const [row] = await db
        .select({ seq: sql<number | null>`min(${events.seq})` })
        .from(events)
        .where(eq(events.storeId, storeId));
      return row?.seq == null ? null : Number(row.seq);
    },

    async prune(olderThan) {
      // Timestamps come from each writer's clock before it waits for the store lock, so they are
      // not strictly in cursor order: cut each store's log at the newest old cursor instead of
      // deleting by time alone, which could leave a hole in the middle.
      const cuts = await db
        .select({ storeId: events.storeId, upTo: sql<number>`max(${events.seq})`.mapWith(Number) })
        .from(events)
        .where(lt(events.createdAt, olderThan))
        .groupBy(events.storeId);
      let total = 0;
      // One statement per store and no surrounding transaction: replicas pruning at the same
      // time only wait on each other's row locks, in key order, and never deadlock.
      for (const cut of cuts) {
        const deleted = await db
          .delete(events)
          .where(and(eq(events.storeId, cut.storeId), lte(events.seq, cut.upTo)))
          .returning({ seq: events.seq });
        total += deleted.length;
      }
      return total;
    },
  };
}

/**
 * Appends events to the log inside `tx`. Bumping the store's counter locks its row until the
 * commit, so cursors are handed out in commit order and a reader never sees N+1 before N.
 * Counter and rows go in one statement: the lock is usually already held by then (order
 * numbering), and every round trip while holding it is time every other writer of the store waits.
 */
export async function appendEvents(tx: Tx, storeId: string, list: DomainEvent[], now: Date): Promise<StoredEvent[]> {
  if (list.length === 0) return [];
  const payload = JSON.stringify(
    list.map((event, i) => ({
      i: i + 1,
      table_id: event.tableId ?? null,
      other_table_ids: event.otherTableIds?.length ? event.otherTableIds : null,
      session_id: event.sessionId ?? null,
      type: event.type,
      data: event.data,
    })),
  );
  const result = await executeNamed(
    tx,
    'events_append',
    sql`
    WITH n AS (
      UPDATE ${stores} SET last_event_seq = last_event_seq + ${list.length}::int
      WHERE id = ${storeId}::uuid
      RETURNING last_event_seq
    )
    INSERT INTO ${events} (store_id, seq, table_id, other_table_ids, session_id, type, data, created_at)
    SELECT ${storeId}::uuid, n.last_event_seq - ${list.length}::int + x.i, x.table_id, x.other_table_ids,
      x.session_id, x.type, x.data, ${now.toISOString()}::timestamptz
    FROM n, jsonb_to_recordset(${payload}::jsonb)
      AS x(i int, table_id uuid, other_table_ids uuid[], session_id uuid, type text, data jsonb)
    RETURNING seq`,
  );
  const seqs = rowsOf<{ seq: number | string }>(result).map((row) => Number(row.seq));
  if (seqs.length !== list.length) throw new Error(`store ${storeId} vanished while writing events`);
  const first = Math.min(...seqs);
  return list.map((event, i) => ({
    storeId,
    seq: first + i,
    tableId: event.tableId ?? null,
    otherTableIds: event.otherTableIds ?? [],
    sessionId: event.sessionId ?? null,
    type: event.type,
    data: event.data,
    createdAt: now.toISOString(),
  }));
}

function toStored(row: typeof events.$inferSelect): StoredEvent {
  return {
    storeId: row.storeId,
    seq: Number(row.seq),
    tableId: row.tableId,
    otherTableIds: row.otherTableIds ?? [],
    sessionId: row.sessionId,
    type: row.type as EventType,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
}
