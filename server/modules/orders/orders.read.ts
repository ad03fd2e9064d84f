import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Dashboard, Order, TableOrders } from '../../../contract/orders.js';
import type { Queryable } from '../../db/client.js';
import { orderHistory, orderItems, orders, tableSessions, tables } from '../../db/schema/index.js';
import { toHistoryOrder } from '../sessions/sessions.dto.js';

/**
 * Live orders matching `where` (a condition on `orders`), with their items and table number,
 * in order-number order: one query whatever the number of orders.
 */
export async function loadLiveOrders(q: Queryable, where: SQL | undefined): Promise<Order[]> {
  const rows = await q
    .select({ order: orders, tableNumber: tables.number, item: orderItems })
    .from(orders)
    .innerJoin(tables, eq(tables.id, orders.tableId))
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(where)
    .orderBy(asc(orders.orderNo), asc(orderItems.lineNo));

  const result: Order[] = [];
  let current: Order | undefined;
  for (const { order, tableNumber, item } of rows) {
    if (current?.id !== order.id) {
      current = {
        id: order.id,
        orderNo: order.orderNo,
        tableId: order.tableId,
        tableNumber,
        sessionId: order.sessionId,
        status: order.status,
        totalAmount: order.totalAmount,
        createdAt: order.createdAt.toISOString(),
        items: [],
      };
      result.push(current);
    }
    current.items.push({
      menuId: item.menuId,
      name: item.name,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      subtotal: item.subtotal,
    });
  }
  return result;
}

/** An order of the table by id, live or already archived (an idempotent replay may come late). */
export async function findTableOrder(q: Queryable, storeId: string, tableId: string, orderId: string) {
  const [live] = await loadLiveOrders(
    q,
    and(eq(orders.id, orderId), eq(orders.storeId, storeId), eq(orders.tableId, tableId)),
  );
  if (live) return live;
  const [archived] = await q
    .select()
    .from(orderHistory)
    .where(and(eq(orderHistory.id, orderId), eq(orderHistory.storeId, storeId), eq(orderHistory.tableId, tableId)));
  if (!archived) return undefined;
  const { archivedAt: _archivedAt, deletedAt: _deletedAt, deletedBy: _deletedBy, ...order } = toHistoryOrder(archived);
  return order satisfies Order;
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

  /** Every live table of the store by number, with its open session's orders: two queries. */
  async function dashboard(storeId: string): Promise<Dashboard> {
    const [tableRows, liveOrders] = await Promise.all([
      db
        .select({
          id: tables.id,
          number: tables.number,
          sessionId: tableSessions.id,
          openedAt: tableSessions.openedAt,
        })
        .from(tables)
        .leftJoin(tableSessions, and(eq(tableSessions.tableId, tables.id), isNull(tableSessions.closedAt)))
        .where(and(eq(tables.storeId, storeId), isNull(tables.deletedAt)))
        .orderBy(asc(tables.number)),
      // Live orders are exactly those of open sessions: closing moves them to history.
      loadLiveOrders(db, eq(orders.storeId, storeId)),
    ]);
    const bySession = new Map<string, Order[]>();
    for (const order of liveOrders) {
      const list = bySession.get(order.sessionId);
      if (list) list.push(order);
      else bySession.set(order.sessionId, [order]);
    }
    return {
      tables: tableRows.map((row) => {
        const list = row.sessionId ? (bySession.get(row.sessionId) ?? []) : [];
        return {
          id: row.id,
          number: row.number,
          sessionId: row.sessionId,
          sessionStartedAt: row.openedAt?.toISOString() ?? null,
          totalAmount: sumOf(list),
          orders: list,
        };
      }),
    };
  }

  return { tableOrders, dashboard };
}

export type OrderReads = ReturnType<typeof createOrderReads>;
