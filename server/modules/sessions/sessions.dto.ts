import type { HistoryOrder } from '../../../contract/orders.js';
import type { Table } from '../../../contract/tables.js';
import type { orderHistory } from '../../db/schema/index.js';

/** The contract's Table: the table and its open session, if any. */
export function toTable(
  table: { id: string; number: number },
  session: { id: string; openedAt: Date } | null | undefined,
): Table {
  return {
    id: table.id,
    number: table.number,
    sessionId: session?.id ?? null,
    sessionStartedAt: session?.openedAt.toISOString() ?? null,
  };
}

/** An archived order as history shows it: the order, when it was archived, and who deleted it if anyone did. */
export function toHistoryOrder(row: typeof orderHistory.$inferSelect): HistoryOrder {
  return {
    id: row.id,
    orderNo: row.orderNo,
    tableId: row.tableId,
    tableNumber: row.tableNumber,
    sessionId: row.sessionId,
    status: row.status,
    totalAmount: row.totalAmount,
    createdAt: row.createdAt.toISOString(),
    items: row.items,
    archivedAt: row.archivedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    deletedBy:
      row.deletedByAdminId && row.deletedByUsername
        ? { adminId: row.deletedByAdminId, username: row.deletedByUsername }
        : null,
  };
}
