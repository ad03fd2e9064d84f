import { and, asc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { Dashboard, HistoryOrder, HistoryQuery, Order, TableOrders } from '../../../contract/orders.js';
import type { Queryable } from '../../db/client.js';
import { orderItems, orders, payments, stores, tableSessions, tables } from '../../db/schema/index.js';
import { notFound } from '../../lib/errors.js';
import { toHistoryOrder, toOrder } from './orders.dto.js';

type OrderRow = typeof orders.$inferSelect;
type ItemRow = typeof orderItems.$inferSelect;

/**
 * Orders matching `where` (a condition on `orders`) with their lines, in order-number order: one
 * query whatever the number of orders.
 */
async function loadOrderRows(q: Queryable, where: SQL | undefined): Promise<Array<[OrderRow, ItemRow[]]>> {
  const rows = await q
    .select({ order: orders, item: orderItems })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(where)
    .orderBy(asc(orders.orderNo), asc(orderItems.lineNo));
  const result: Array<[OrderRow, ItemRow[]]> = [];
  let current: [OrderRow, ItemRow[]] | undefined;
  for (const { order, item } of rows) {
    if (current?.[0].id !== order.id) {
      current = [order, []];
      result.push(current);
    }
    current[1].push(item);
  }
  return result;
}

/** Live orders (of open sessions) matching `where`, with their lines, in order-number order. */
export async function loadLiveOrders(q: Queryable, where: SQL | undefined): Promise<Order[]> {
  const rows = await loadOrderRows(q, and(isNull(orders.archivedAt), where));
  return rows.map(([row, items]) => toOrder(row, items));
}

/** An order of the store by id, live or archived, wherever it is now (a replay may come late). */
export async function findOrder(q: Queryable, storeId: string, orderId: string) {
  const [found] = await loadOrderRows(q, and(eq(orders.id, orderId), eq(orders.storeId, storeId)));
  return found ? toOrder(found[0], found[1]) : undefined;
}

/** An order of the table by id, live or archived (an idempotent replay may come late). */
export async function findTableOrder(q: Queryable, storeId: string, tableId: string, orderId: string) {
  const [found] = await loadOrderRows(
    q,
    and(eq(orders.id, orderId), eq(orders.storeId, storeId), eq(orders.tableId, tableId)),
  );
  return found ? toOrder(found[0], found[1]) : undefined;
}

const sumOf = (list: Order[]) => list.reduce((sum, order) => sum + order.totalAmount, 0);

/** Read side of ordering: what tablets and staff screens show. */
export function createOrderReads(deps: { db: Queryable }) {
  const { db } = deps;

  /** The table's current session: its orders oldest first and their total. */
  async function tableOrders(storeId: string, tableId: string): Promise<TableOrders> {
    const [session] = await db
      .select({ id: tableSessions.id })
      .from(tableSessions)
      .where(
        and(eq(tableSessions.tableId, tableId), eq(tableSessions.storeId, storeId), isNull(tableSessions.closedAt)),
      );
    if (!session) return { sessionId: null, totalAmount: 0, orders: [] };
    const list = await loadLiveOrders(db, and(eq(orders.storeId, storeId), eq(orders.sessionId, session.id)));
    return { sessionId: session.id, totalAmount: sumOf(list), orders: list };
  }

  /** Every live table of the store by number, with its open session's orders and money: three queries. */
  async function dashboard(storeId: string): Promise<Dashboard> {
    const [tableRows, liveOrders, paid] = await Promise.all([
      db
        .select({
          id: tables.id,
          number: tables.number,
          sessionId: tableSessions.id,
          openedAt: tableSessions.openedAt,
          guests: tableSessions.guests,
          pin: tableSessions.pin,
          requirePin: stores.requirePin,
        })
        .from(tables)
        .innerJoin(stores, eq(stores.id, tables.storeId))
        .leftJoin(tableSessions, and(eq(tableSessions.tableId, tables.id), isNull(tableSessions.closedAt)))
        .where(and(eq(tables.storeId, storeId), isNull(tables.deletedAt)))
        .orderBy(asc(tables.number)),
      // Live orders are exactly those of open sessions: closing archives them.
      loadLiveOrders(db, eq(orders.storeId, storeId)),
      db
        .select({ sessionId: payments.sessionId, amount: sql<number>`sum(${payments.amount})`.mapWith(Number) })
        .from(payments)
        .innerJoin(tableSessions, eq(tableSessions.id, payments.sessionId))
        .where(and(eq(payments.storeId, storeId), isNull(payments.refundedAt), isNull(tableSessions.closedAt)))
        .groupBy(payments.sessionId),
    ]);
    const bySession = new Map<string, Order[]>();
    for (const order of liveOrders) {
      const list = bySession.get(order.sessionId);
      if (list) list.push(order);
      else bySession.set(order.sessionId, [order]);
    }
    const paidBySession = new Map(paid.map((row) => [row.sessionId, row.amount]));
    return {
      tables: tableRows.map((row) => {
        const list = row.sessionId ? (bySession.get(row.sessionId) ?? []) : [];
        const totalAmount = sumOf(list);
        const paidAmount = row.sessionId ? (paidBySession.get(row.sessionId) ?? 0) : 0;
        return {
          id: row.id,
          number: row.number,
          sessionId: row.sessionId,
          sessionStartedAt: row.openedAt?.toISOString() ?? null,
          totalAmount,
          orders: list,
          guests: row.guests,
          // Staff read the PIN out to guests only where the store asks phones for it.
          pin: row.requirePin ? row.pin : null,
          paidAmount,
          dueAmount: totalAmount - paidAmount,
        };
      }),
    };
  }

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
    const conditions = [eq(orders.storeId, storeId), eq(orders.tableId, tableId), isNotNull(orders.archivedAt)];
    if (query.from) {
      conditions.push(sql`${orders.createdAt} >= (${query.from}::date::timestamp AT TIME ZONE ${table.timezone})`);
    }
    if (query.to) {
      conditions.push(sql`${orders.createdAt} < ((${query.to}::date + 1)::timestamp AT TIME ZONE ${table.timezone})`);
    }
    const rows = await loadOrderRows(db, and(...conditions));
    rows.sort(([a], [b]) => b.createdAt.getTime() - a.createdAt.getTime() || b.orderNo - a.orderNo);
    return rows.map(([row, items]) => toHistoryOrder(row, items));
  }

  /** The live orders of several sessions (a merge or move reports them). */
  async function ofSessions(storeId: string, sessionIds: string[]): Promise<Order[]> {
    if (sessionIds.length === 0) return [];
    return loadLiveOrders(db, and(eq(orders.storeId, storeId), inArray(orders.sessionId, sessionIds)));
  }

  return { tableOrders, dashboard, history, ofSessions };
}

export type OrderReads = ReturnType<typeof createOrderReads>;
