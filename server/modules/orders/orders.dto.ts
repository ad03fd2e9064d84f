import type { HistoryOrder, Order, OrderItem } from '../../../contract/orders.js';
import type { orderItems, orders } from '../../db/schema/index.js';

type OrderRow = typeof orders.$inferSelect;
type ItemRow = typeof orderItems.$inferSelect;

export function toOrderItem(row: ItemRow): OrderItem {
  return {
    id: row.id,
    menuId: row.menuId,
    name: row.name,
    unitPrice: row.unitPrice,
    quantity: row.quantity,
    voidedQuantity: row.voidedQuantity,
    subtotal: row.subtotal,
    options: row.options.map((option) => ({ groupName: option.groupName, name: option.name, price: option.price })),
    note: row.note,
    stationId: row.stationId,
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

/** The contract's Order: the row and its lines (in line order). */
export function toOrder(row: OrderRow, items: ItemRow[]): Order {
  return {
    id: row.id,
    orderNo: row.orderNo,
    tableId: row.tableId,
    tableNumber: row.tableNumber,
    sessionId: row.sessionId,
    status: row.status,
    totalAmount: row.totalAmount,
    createdAt: row.createdAt.toISOString(),
    items: items.map(toOrderItem),
    note: row.note,
    source: row.source,
  };
}

/** An order as history shows it: when it left the table, who deleted it if anyone, each line's voids. */
export function toHistoryOrder(row: OrderRow, items: ItemRow[]): HistoryOrder {
  const order = toOrder(row, items);
  return {
    ...order,
    items: order.items.map((item, i) => ({
      ...item,
      voids: (items[i]?.voids ?? []).map((v) => ({
        quantity: v.quantity,
        reason: v.reason,
        at: v.at,
        by: { adminId: v.adminId, username: v.username },
      })),
    })),
    archivedAt: (row.archivedAt ?? row.updatedAt).toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    deletedBy:
      row.deletedByAdminId && row.deletedByUsername
        ? { adminId: row.deletedByAdminId, username: row.deletedByUsername }
        : null,
  };
}
