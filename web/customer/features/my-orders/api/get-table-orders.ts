import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Order, TableOrders } from '@contract/orders';
import { api } from '@customer/lib/api';

export const tableOrdersQueryKey = ['table', 'orders'] as const;

export function getTableOrders(): Promise<TableOrders> {
  return api.get<TableOrders>('/table/orders');
}

export const tableOrdersQueryOptions = queryOptions({
  queryKey: tableOrdersQueryKey,
  queryFn: getTableOrders,
});

export function useTableOrders() {
  return useQuery(tableOrdersQueryOptions);
}

const byOrderNo = (a: Order, b: Order) => a.orderNo - b.orderNo;

function withOrders(sessionId: string | null, orders: Order[]): TableOrders {
  const sorted = [...orders].sort(byOrderNo);
  return { sessionId, orders: sorted, totalAmount: sorted.reduce((sum, o) => sum + o.totalAmount, 0) };
}

/**
 * Applies an order from the stream (or from our own POST) to the current-session list. A created
 * order of another session means a new session has started, so the old one's orders leave the
 * tablet; an update to an order of another session (already archived) changes nothing here.
 */
export function applyOrder(
  current: TableOrders | undefined,
  order: Order,
  change: 'created' | 'updated',
): TableOrders | undefined {
  if (!current) return current;
  if (current.sessionId !== order.sessionId) {
    return change === 'created' ? withOrders(order.sessionId, [order]) : current;
  }
  const others = current.orders.filter((o) => o.id !== order.id);
  return withOrders(order.sessionId, [...others, order]);
}

export function removeOrder(current: TableOrders | undefined, orderId: string): TableOrders | undefined {
  if (!current) return current;
  return withOrders(
    current.sessionId,
    current.orders.filter((o) => o.id !== orderId),
  );
}

export function endSession(current: TableOrders | undefined, sessionId: string): TableOrders | undefined {
  if (current && current.sessionId !== null && current.sessionId !== sessionId) return current;
  return { sessionId: null, totalAmount: 0, orders: [] };
}
