import { and, asc, desc, eq, gt, isNull, max, or, sql } from 'drizzle-orm';
import { type Call, type CallStatus, type HistoryCall, MAX_LISTED_CALLS } from '../../../contract/calls.js';
import type { CallReason } from '../../../contract/menus.js';
import type { HistoryQuery } from '../../../contract/orders.js';
import type { Queryable } from '../../db/client.js';
import { callReasons, calls, stores, tableSessions, tables } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { toCall, toCallReason, toHistoryCall } from './calls.dto.js';

/** What a tablet gets back after a reload: its current guests' latest calls. */
const TABLE_CALLS = 20;

/** The store's call presets in their order. */
export async function readCallReasons(q: Queryable, storeId: string): Promise<CallReason[]> {
  const rows = await q
    .select()
    .from(callReasons)
    .where(eq(callReasons.storeId, storeId))
    .orderBy(asc(callReasons.sortOrder), asc(callReasons.label), asc(callReasons.id));
  return rows.map(toCallReason);
}

/** Read side of staff calls: the staff list, a table's current calls, a table's history. */
export function createCallReads(deps: { db: Queryable }) {
  const { db } = deps;

  /**
   * The store's calls, newest first, optionally only open or only done: every open call (a table
   * has at most one) and the latest done ones. Calls of deleted tables are left out.
   */
  async function list(storeId: string, status?: CallStatus): Promise<Call[]> {
    const rows = await db
      .select({ call: calls })
      .from(calls)
      .innerJoin(tables, eq(tables.id, calls.tableId))
      .where(and(eq(calls.storeId, storeId), isNull(tables.deletedAt), status ? eq(calls.status, status) : undefined))
      .orderBy(desc(calls.createdAt), desc(calls.id))
      .limit(MAX_LISTED_CALLS);
    return rows.map((row) => toCall(row.call, 'staff'));
  }

  /**
   * A table's calls of its current guests, newest first, as the table may see them (no staff
   * names): those made since the table's last visit closed, and an open call whenever it was made.
   */
  async function tableCalls(storeId: string, tableId: string): Promise<Call[]> {
    const [last] = await db
      .select({ closedAt: max(tableSessions.closedAt) })
      .from(tableSessions)
      .where(eq(tableSessions.tableId, tableId));
    const since = last?.closedAt ?? null;
    const rows = await db
      .select()
      .from(calls)
      .where(
        and(
          eq(calls.storeId, storeId),
          eq(calls.tableId, tableId),
          since ? or(gt(calls.createdAt, since), eq(calls.status, 'open')) : undefined,
        ),
      )
      .orderBy(desc(calls.createdAt), desc(calls.id))
      .limit(TABLE_CALLS);
    return rows.map((row) => toCall(row, 'table'));
  }

  /**
   * A table's calls made within `from`/`to` (inclusive days in the store's time zone), newest
   * first, with the visit each belonged to, who marked it done and how long that took.
   */
  async function history(storeId: string, tableId: string, query: HistoryQuery): Promise<HistoryCall[]> {
    const [table] = await db
      .select({ timezone: stores.timezone })
      .from(tables)
      .innerJoin(stores, eq(stores.id, tables.storeId))
      .where(and(eq(tables.id, tableId), eq(tables.storeId, storeId)));
    if (!table) throw notFound('table');
    const conditions = [eq(calls.storeId, storeId), eq(calls.tableId, tableId)];
    if (query.from) {
      conditions.push(sql`${calls.createdAt} >= (${query.from}::date::timestamp AT TIME ZONE ${table.timezone})`);
    }
    if (query.to) {
      conditions.push(sql`${calls.createdAt} < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${table.timezone})`);
    }
    const rows = await db
      .select()
      .from(calls)
      .where(and(...conditions))
      .orderBy(desc(calls.createdAt), desc(calls.id))
      .limit(500);
    return rows.map(toHistoryCall);
  }

  return { reasons: (storeId: string) => readCallReasons(db, storeId), list, tableCalls, history };
}

export type CallReads = ReturnType<typeof createCallReads>;
