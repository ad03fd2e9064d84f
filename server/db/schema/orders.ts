import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';
import { tableSessions, tables } from './tables.js';

export const ORDER_STATUSES = ['pending', 'preparing', 'completed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Live orders: those of open sessions. Closing or deleting moves an order to order_history. */
export const orders = pgTable(
  'orders',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tableSessions.id),
    orderNo: integer('order_no').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending'),
    totalAmount: integer('total_amount').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_store_order_no_key').on(t.storeId, t.orderNo),
    index('orders_session_idx').on(t.sessionId),
    index('orders_table_idx').on(t.tableId),
    check('orders_total_nonnegative', sql`${t.totalAmount} >= 0`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    lineNo: integer('line_no').notNull(),
    /** No foreign key: the dish may be deleted later, the snapshot below stays. */
    menuId: uuid('menu_id').notNull(),
    name: text('name').notNull(),
    unitPrice: integer('unit_price').notNull(),
    quantity: integer('quantity').notNull(),
    subtotal: integer('subtotal').notNull(),
  },
  (t) => [
    uniqueIndex('order_items_order_line_key').on(t.orderId, t.lineNo),
    check('order_items_quantity_range', sql`${t.quantity} BETWEEN 1 AND 99`),
  ],
);

export interface HistoryItem {
  menuId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  subtotal: number;
}

/** Archived and deleted orders, immutable, with their items snapshotted. Keeps the order's id. */
export const orderHistory = pgTable(
  'order_history',
  {
    id: uuid('id').primaryKey(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id),
    tableNumber: integer('table_number').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tableSessions.id),
    orderNo: integer('order_no').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    totalAmount: integer('total_amount').notNull(),
    items: jsonb('items').$type<HistoryItem[]>().notNull(),
    createdAt: timestamptz('created_at').notNull(),
    archivedAt: timestamptz('archived_at').notNull(),
    deletedAt: timestamptz('deleted_at'),
    deletedByAdminId: uuid('deleted_by_admin_id'),
    deletedByUsername: text('deleted_by_username'),
  },
  (t) => [
    index('order_history_table_created_idx').on(t.tableId, t.createdAt),
    index('order_history_session_idx').on(t.sessionId),
    uniqueIndex('order_history_store_order_no_key').on(t.storeId, t.orderNo),
  ],
);

/**
 * Idempotency keys of table orders, kept at least 24 h. The order may since have been archived;
 * its id is the same in order_history.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    orderId: uuid('order_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tableId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
