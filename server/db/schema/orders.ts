import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';
import { tableSessions, tables } from './tables.js';

export const ORDER_STATUSES = ['pending', 'preparing', 'completed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_SOURCES = ['table', 'guest', 'staff'] as const;

/** An option as it was chosen, snapshotted on the order line. */
export interface ItemOption {
  groupId: string;
  groupName: string;
  optionId: string;
  name: string;
  price: number;
}

/** One void of part of a line: how many, why, when, by whom. */
export interface ItemVoid {
  quantity: number;
  reason: string | null;
  at: string;
  adminId: string;
  username: string;
}

/**
 * Every order, live or archived. An order is live while its session is open (`archived_at` null);
 * closing the session, or deleting the order, archives it in place — same row, same id, same
 * items — so history, moves and sales read one table.
 */
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
    /** The table's number when the order was placed, or moved there: history shows it as it was. */
    tableNumber: integer('table_number').notNull(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tableSessions.id),
    orderNo: integer('order_no').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('pending'),
    /** Σ line subtotals, net of voids; whole won. */
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    note: text('note'),
    source: text('source', { enum: ORDER_SOURCES }).notNull().default('table'),
    /** The staff account that took a staff order. */
    createdByAdminId: uuid('created_by_admin_id'),
    createdByUsername: text('created_by_username'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Set when the session closed or the order was deleted: the order left the live table. */
    archivedAt: timestamptz('archived_at'),
    deletedAt: timestamptz('deleted_at'),
    deletedByAdminId: uuid('deleted_by_admin_id'),
    deletedByUsername: text('deleted_by_username'),
  },
  (t) => [
    uniqueIndex('orders_store_order_no_key').on(t.storeId, t.orderNo),
    index('orders_session_idx').on(t.sessionId),
    index('orders_live_store_idx').on(t.storeId, t.orderNo).where(sql`${t.archivedAt} IS NULL`),
    index('orders_table_created_idx').on(t.tableId, t.createdAt),
    index('orders_store_created_idx').on(t.storeId, t.createdAt),
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
    /** Menu price + the chosen options' prices, when ordered. */
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    quantity: integer('quantity').notNull(),
    voidedQuantity: integer('voided_quantity').notNull().default(0),
    /** unitPrice × (quantity − voidedQuantity). */
    subtotal: bigint('subtotal', { mode: 'number' }).notNull(),
    options: jsonb('options').$type<ItemOption[]>().notNull().default([]),
    note: text('note'),
    voids: jsonb('voids').$type<ItemVoid[]>().notNull().default([]),
    /** The station that makes it, as routed when ordered; no foreign key (stations may go). */
    stationId: uuid('station_id'),
    doneAt: timestamptz('done_at'),
  },
  (t) => [
    uniqueIndex('order_items_order_line_key').on(t.orderId, t.lineNo),
    check('order_items_quantity_range', sql`${t.quantity} BETWEEN 1 AND 99`),
    check('order_items_voided_range', sql`${t.voidedQuantity} BETWEEN 0 AND ${t.quantity}`),
  ],
);

/**
 * Idempotency keys per table (orders, staff calls, payments), kept at least 24 h: a replay answers
 * what the key created, wherever that is now.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    /** What the key created: an order, a staff call or a payment (one of the three is set). */
    orderId: uuid('order_id'),
    callId: uuid('call_id'),
    paymentId: uuid('payment_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tableId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
