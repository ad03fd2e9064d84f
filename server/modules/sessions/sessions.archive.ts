import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { rowsOf } from '../../db/client.js';
import { orderHistory, orderItems, orders, tables } from '../../db/schema/index.js';

export interface ArchiveOptions {
  storeId: string;
  /** Which live orders to move, as a condition on `orders` columns. */
  match: SQL;
  now: Date;
  /** Set when staff delete an order; the record keeps who did it. */
  deletedBy?: { adminId: string; username: string };
}

/**
 * Moves live orders with their items into order_history in one statement and returns their ids.
 * The caller holds the table row lock, so nothing can add to or change these orders meanwhile.
 * The history row keeps the order's id, number, status and a snapshot of the table number.
 */
export async function archiveOrders(tx: Tx, options: ArchiveOptions): Promise<string[]> {
  const { storeId, match, now, deletedBy } = options;
  const at = now.toISOString();
  // Every sub-statement reads the same snapshot, so the items are still visible to the INSERT
  // although the DELETE cascades to them.
  const result = await tx.execute(sql`
    WITH moved AS (
      DELETE FROM ${orders} WHERE ${and(eq(orders.storeId, storeId), match)} RETURNING *
    )
    INSERT INTO ${orderHistory} (
      id, store_id, table_id, table_number, session_id, order_no, status, total_amount, items,
      created_at, archived_at, deleted_at, deleted_by_admin_id, deleted_by_username
    )
    SELECT m.id, m.store_id, m.table_id, t.number, m.session_id, m.order_no, m.status, m.total_amount,
      COALESCE(
        (SELECT jsonb_agg(jsonb_build_object(
            'menuId', i.menu_id, 'name', i.name, 'unitPrice', i.unit_price,
            'quantity', i.quantity, 'subtotal', i.subtotal) ORDER BY i.line_no)
          FROM ${orderItems} i WHERE i.order_id = m.id),
        '[]'::jsonb),
      m.created_at, ${at}::timestamptz,
      ${deletedBy ? at : null}::timestamptz, ${deletedBy?.adminId ?? null}::uuid, ${deletedBy?.username ?? null}::text
    FROM moved m JOIN ${tables} t ON t.id = m.table_id
    RETURNING id`);
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}
