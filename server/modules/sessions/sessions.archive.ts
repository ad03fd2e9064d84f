import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { orders } from '../../db/schema/index.js';

export interface ArchiveOptions {
  storeId: string;
  /** Which live orders leave the table, as a condition on `orders` columns. */
  match: SQL;
  now: Date;
  /** Set when staff delete an order; the record keeps who did it. */
  deletedBy?: { adminId: string; username: string };
}

/**
 * Archives live orders in place (same row, id, number and lines) and returns their ids: they
 * leave the live table and its total, and stay readable as history. The caller holds the table
 * row lock, so nothing can add to or change these orders meanwhile.
 */
export async function archiveOrders(tx: Tx, options: ArchiveOptions): Promise<string[]> {
  const { storeId, match, now, deletedBy } = options;
  const rows = await tx
    .update(orders)
    .set({
      archivedAt: now,
      updatedAt: now,
      ...(deletedBy
        ? { deletedAt: now, deletedByAdminId: deletedBy.adminId, deletedByUsername: deletedBy.username }
        : {}),
    })
    .where(and(eq(orders.storeId, storeId), isNull(orders.archivedAt), match))
    .returning({ id: orders.id });
  return rows.map((row) => row.id);
}
