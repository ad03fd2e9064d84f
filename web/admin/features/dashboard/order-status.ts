import type { Order, OrderStatus } from '@contract/orders';

/** Orders only move forward: 대기중 → 준비중 → 완료. */
export const STATUS_FLOW: readonly OrderStatus[] = ['pending', 'preparing', 'completed'];

export function nextStatus(status: OrderStatus): OrderStatus | null {
  return STATUS_FLOW[STATUS_FLOW.indexOf(status) + 1] ?? null;
}

export function canMoveTo(from: OrderStatus, to: OrderStatus): boolean {
  return STATUS_FLOW.indexOf(to) > STATUS_FLOW.indexOf(from);
}

export function itemCount(order: Order): number {
  return order.items.reduce((n, item) => n + item.quantity, 0);
}
