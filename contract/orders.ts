import { z } from 'zod';
import { HistoryCall } from './calls.js';
import { Id, IdempotencyKey, IsoDateTime, LocalDate, TableNumber, Won } from './common.js';
import { Visit } from './payments.js';
import { displayText } from './text.js';

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

export const ORDER_SOURCES = ['table', 'guest', 'staff'] as const;
/** Who placed an order: the table's tablet, a guest's phone, or staff. */
export const OrderSource = z.enum(ORDER_SOURCES);
export type OrderSource = z.infer<typeof OrderSource>;

/** An option as chosen on a line, snapshotted when ordered. */
export const ItemOption = z.object({ groupName: z.string(), name: z.string(), price: Won });
export type ItemOption = z.infer<typeof ItemOption>;

export const OrderItem = z.object({
  id: Id,
  menuId: Id,
  name: z.string(),
  /** Menu price plus the chosen options, when ordered. */
  unitPrice: Won,
  quantity: z.number().int(),
  /** How many of `quantity` staff voided (sent back, cancelled). */
  voidedQuantity: z.number().int(),
  /** unitPrice × (quantity − voidedQuantity). */
  subtotal: Won,
  options: z.array(ItemOption),
  note: z.string().nullable(),
  /** The kitchen station that makes it; null when the store had none to route to. */
  stationId: Id.nullable(),
  /** When its station bumped it (or it was voided whole). */
  doneAt: IsoDateTime.nullable(),
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
  note: z.string().nullable(),
  source: OrderSource,
});
export type Order = z.infer<typeof Order>;

/** One void of part of a line, as history shows it. */
export const ItemVoid = z.object({
  quantity: z.number().int(),
  reason: z.string().nullable(),
  at: IsoDateTime,
  by: z.object({ adminId: Id, username: z.string() }),
});
export type ItemVoid = z.infer<typeof ItemVoid>;

export const HistoryOrder = Order.extend({
  items: z.array(OrderItem.extend({ voids: z.array(ItemVoid) })),
  archivedAt: IsoDateTime,
  deletedAt: IsoDateTime.nullable(),
  /** The staff account that deleted the order (its username as it was then), null when not deleted. */
  deletedBy: z.object({ adminId: Id, username: z.string() }).nullable(),
});
export type HistoryOrder = z.infer<typeof HistoryOrder>;

export const MAX_ORDER_LINES = 50;
/** At most this many of one dish per line, and per order across its lines. */
export const MAX_LINE_QUANTITY = 99;
/** The ceiling of one order's total: a larger order is refused with 400. */
export const MAX_ORDER_AMOUNT = 100_000_000;
export const MAX_LINE_NOTE = 100;
export const MAX_ORDER_NOTE = 200;

export const LineNote = displayText(0, MAX_LINE_NOTE, { multiline: true });
export const OrderNote = displayText(0, MAX_ORDER_NOTE, { multiline: true });

export const OrderLine = z.object({
  menuId: Id,
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
  /** Chosen options: each belongs to one of the dish's groups, within each group's min..max. */
  optionIds: z.array(Id).max(60).optional(),
  /** A request for the kitchen about this line ("덜 맵게"). */
  note: LineNote.optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const CreateOrderBody = z.object({
  items: z.array(OrderLine).min(1).max(MAX_ORDER_LINES),
  /** A request about the whole order. */
  note: OrderNote.optional(),
  /**
   * The table's shared cart version these lines were read from (an online tablet ordering the
   * shared cart): the order is then the cart at that version, which it empties in the same
   * transaction — 409 CART_CHANGED when the cart has changed since (as `POST /table/cart/checkout`).
   */
  cartVersion: z.number().int().min(0).optional(),
});
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export { IdempotencyKey };
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
  guests: z.number().int().nullable(),
  /** The visit's PIN for guests' phones, when the store requires one. */
  pin: z.string().nullable(),
  paidAmount: Won,
  /** totalAmount − paidAmount; negative when money is to be given back (a void after payment). */
  dueAmount: Won,
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

export const VoidItemsBody = z.object({
  items: z
    .array(z.object({ itemId: Id, quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY) }))
    .min(1)
    .max(MAX_ORDER_LINES)
    .refine(
      (items) => new Set(items.map((item) => item.itemId.toLowerCase())).size === items.length,
      'lists a line twice',
    ),
  reason: displayText(0, 100).optional(),
});
export type VoidItemsBody = z.infer<typeof VoidItemsBody>;

export const MoveOrderBody = z.object({ tableId: Id });
export type MoveOrderBody = z.infer<typeof MoveOrderBody>;

export const HistoryResponse = z.object({
  orders: z.array(HistoryOrder),
  visits: z.array(Visit),
  /** The table's staff calls in the range, newest first, with who handled them and how long it took. */
  calls: z.array(HistoryCall),
});
export type HistoryResponse = z.infer<typeof HistoryResponse>;
