import { and, desc, eq, sql } from 'drizzle-orm';
import type { HistoryOrder, HistoryQuery } from '../../../contract/orders.js';
import type { Queryable } from '../../db/client.js';
import { orderHistory, stores, tables } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { toHistoryOrder } from './sessions.dto.js';

/** Read side of past visits: a table's history. */
export function createSessionReads(deps: { db: Queryable }) {
  const { db } = deps;

  /**
   * A table's archived and deleted orders, newest first. `from`/`to` are inclusive days in the
   * store's time zone: an order at 23:30 in Seoul belongs to that Seoul day, not the UTC one.
   * Tables deleted since stay readable here.
   */
  async function history(storeId: string, tableId: string, query: HistoryQuery): Promise<HistoryOrder[]> {
    const [table] = await db
      .select({ timezone: stores.timezone })
      .from(tables)
      .innerJoin(stores, eq(stores.id, tables.storeId))
      .where(and(eq(tables.id, tableId), eq(tables.storeId, storeId)));
    if (!table) throw notFound('table');
    const conditions = [eq(orderHistory.storeId, storeId), eq(orderHistory.tableId, tableId)];
    if (query.from) {
      conditions.push(
        sql`${orderHistory.createdAt} >= (${query.from}::date::timestamp AT TIME ZONE ${table.timezone})`,
      );
    }
    if (query.to) {
      conditions.push(
        sql`${orderHistory.createdAt} < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${table.timezone})`,
      );
    }
    const rows = await db
      .select()
      .from(orderHistory)
      .where(and(...conditions))
      .orderBy(desc(orderHistory.createdAt), desc(orderHistory.orderNo));
    return rows.map(toHistoryOrder);
  }

  return { history };
}

export type SessionReads = ReturnType<typeof createSessionReads>;
