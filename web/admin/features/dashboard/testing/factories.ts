import type { Dashboard, DashboardTable, Order } from '@contract/orders';

/** Test data for the dashboard's unit tests: a board of tables and their orders. */

let next = 0;
const uuid = () => {
  next += 1;
  return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
};

export function anOrder(table: DashboardTable, fields: Partial<Order> & { totalAmount: number }): Order {
  return {
    id: uuid(),
    orderNo: 1,
    tableId: table.id,
    tableNumber: table.number,
    sessionId: table.sessionId ?? uuid(),
    status: 'pending',
    createdAt: '2026-03-01T05:00:00.000Z',
    items: [],
    note: null,
    source: 'table',
    ...fields,
  };
}

export function aTable(number: number, fields: Partial<DashboardTable> = {}): DashboardTable {
  return {
    id: uuid(),
    number,
    sessionId: null,
    sessionStartedAt: null,
    totalAmount: 0,
    orders: [],
    guests: null,
    pin: null,
    paidAmount: 0,
    dueAmount: 0,
    ...fields,
  };
}

/** A table with an open session holding `orders` (their totals summed). */
export function anOpenTable(number: number, sessionId = uuid()): DashboardTable {
  return aTable(number, { sessionId, sessionStartedAt: '2026-03-01T04:55:00.000Z' });
}

export function withOrders(table: DashboardTable, orders: Order[]): DashboardTable {
  return { ...table, orders, totalAmount: orders.reduce((sum, o) => sum + o.totalAmount, 0) };
}

export const board = (...tables: DashboardTable[]): Dashboard => ({ tables });

export const newId = uuid;
