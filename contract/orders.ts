import { z } from 'zod';
import { Id, IsoDateTime, LocalDate, TableNumber, Won } from './common.js';

/** The kitchen's flow, in order. An order moves forward only; skipping a step is allowed. */
export const ORDER_STATUS_FLOW = ['pending', 'preparing', 'completed'] as const;
export const OrderStatus = z.enum(ORDER_STATUS_FLOW);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Whether an order may go from `from` to `to`: forward only, skipping allowed. */
export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_STATUS_FLOW.indexOf(to) > ORDER_STATUS_FLOW.indexOf(from);
}

/** The statuses an order may come from to reach `to`. */
export function statusesBefore(to: OrderStatus): OrderStatus[] {
  return ORDER_STATUS_FLOW.filter((from) => canMoveOrder(from, to));
}

/** The next step of the flow, or null at the end. */
export function nextOrderStatus(status: OrderStatus): OrderStatus | null {
  return ORDER_STATUS_FLOW[ORDER_STATUS_FLOW.indexOf(status) + 1] ?? null;
}

export const OrderItem = z.object({
  menuId: Id,
  name: z.string(),
  unitPrice: Won,
  quantity: z.number().int(),
  subtotal: Won,
});
export type OrderItem = z.infer<typeof OrderItem>;

export const Order = z.object({
  id: Id,
  orderNo: z.number().int(),
  tableId: Id,
  tableNumber: TableNumber,
  sessionId: Id,
  status: OrderStatus,
  totalAmount: Won,
  createdAt: IsoDateTime,
  items: z.array(OrderItem),
});
export type Order = z.infer<typeof Order>;

export const HistoryOrder = Order.extend({
  archivedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
  /** The staff account that deleted the order (its username as it was then), null when not deleted. */
  deletedBy: z.object({ adminId: Id, username: z.string() }).nullable(),
});
export type HistoryOrder = z.infer<typeof HistoryOrder>;

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 99;

export const CreateOrderBody = z.object({
  items: z
    .array(
      z.object({
        menuId: Id,
        quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
      }),
    )
    .min(1)
    .max(MAX_ORDER_LINES),
});
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

/** Idempotency-Key header: any printable token a client generates once per confirmed cart. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/, 'must be 8–128 printable ASCII characters');
export const CreateOrderHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });

export const TableOrders = z.object({
  sessionId: Id.nullable(),
  totalAmount: Won,
  orders: z.array(Order),
});
export type TableOrders = z.infer<typeof TableOrders>;

export const DashboardTable = z.object({
  id: Id,
  number: TableNumber,
  sessionId: Id.nullable(),
  sessionStartedAt: IsoDateTime.nullable(),
  totalAmount: Won,
  orders: z.array(Order),
});
export type DashboardTable = z.infer<typeof DashboardTable>;

export const Dashboard = z.object({ tables: z.array(DashboardTable) });
export type Dashboard = z.infer<typeof Dashboard>;

export const UpdateOrderStatusBody = z.object({ status: OrderStatus });
export type UpdateOrderStatusBody = z.infer<typeof UpdateOrderStatusBody>;

export const HistoryQuery = z
  .object({ from: LocalDate.optional(), to: LocalDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`from` must not be after `to`', path: ['from'] });
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryResponse = z.object({ orders: z.array(HistoryOrder) });
export type HistoryResponse = z.infer<typeof HistoryResponse>;
