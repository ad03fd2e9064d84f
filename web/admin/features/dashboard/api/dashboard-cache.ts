import type { Dashboard, DashboardTable, Order } from '@contract/orders';

/**
 * Pure updates of the dashboard snapshot from realtime events and mutation answers. Each is
 * idempotent (a replayed event after a reconnect changes nothing twice), so the board converges
 * on the server's state whatever mix of snapshot and events it saw.
 */

function patchTable(
  dashboard: Dashboard,
  tableId: string,
  patch: (table: DashboardTable) => DashboardTable,
): Dashboard {
  let changed = false;
  const tables = dashboard.tables.map((table) => {
    if (table.id !== tableId) return table;
    const next = patch(table);
    if (next !== table) changed = true;
    return next;
  });
  return changed ? { tables } : dashboard;
}

export function withOrderCreated(dashboard: Dashboard, order: Order): Dashboard {
  return patchTable(dashboard, order.tableId, (table) => {
    if (table.sessionId !== order.sessionId) {
      // The first order of a new session opens it.
      return {
        ...table,
        sessionId: order.sessionId,
        sessionStartedAt: order.createdAt,
        totalAmount: order.totalAmount,
        orders: [order],
      };
    }
    if (table.orders.some((o) => o.id === order.id)) return withOrderReplaced(table, order);
    const orders = [...table.orders, order].sort((a, b) => a.orderNo - b.orderNo);
    return { ...table, orders, totalAmount: table.totalAmount + order.totalAmount };
  });
}

function withOrderReplaced(table: DashboardTable, order: Order): DashboardTable {
  const index = table.orders.findIndex((o) => o.id === order.id);
  if (index < 0) return table;
  const orders = table.orders.slice();
  orders[index] = order;
  return { ...table, orders };
}

export function withOrderUpdated(dashboard: Dashboard, order: Order): Dashboard {
  return patchTable(dashboard, order.tableId, (table) => withOrderReplaced(table, order));
}

export function withOrderDeleted(dashboard: Dashboard, tableId: string, orderId: string): Dashboard {
  return patchTable(dashboard, tableId, (table) => {
    const gone = table.orders.find((o) => o.id === orderId);
    if (!gone) return table;
    const orders = table.orders.filter((o) => o.id !== orderId);
    return { ...table, orders, totalAmount: Math.max(0, table.totalAmount - gone.totalAmount) };
  });
}

export function withSessionEnded(dashboard: Dashboard, tableId: string, sessionId: string): Dashboard {
  return patchTable(dashboard, tableId, (table) =>
    table.sessionId === sessionId
      ? { ...table, sessionId: null, sessionStartedAt: null, totalAmount: 0, orders: [] }
      : table,
  );
}

export function findOrder(dashboard: Dashboard | undefined, orderId: string): Order | undefined {
  for (const table of dashboard?.tables ?? []) {
    const order = table.orders.find((o) => o.id === orderId);
    if (order) return order;
  }
  return undefined;
}
