import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Translations } from '../../../contract/i18n.js';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';
import { tableSessions, tables } from './tables.js';

/** The store's call presets (물, 앞접시 …), in order. Calls keep the labels, so presets can change. */
export const callReasons = pgTable(
  'call_reasons',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
  },
  (t) => [index('call_reasons_store_idx').on(t.storeId)],
);

export const CALL_STATUSES = ['open', 'done'] as const;

/** Staff calls (직원 호출). A table has at most one open call; a new one merges into it. */
export const calls = pgTable(
  'calls',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id),
    tableNumber: integer('table_number').notNull(),
    /** The visit it was made in; null for a call before the table's first order. */
    sessionId: uuid('session_id').references(() => tableSessions.id),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    note: text('note'),
    /**
     * When the table pressed call for it: the first press, then every press merged into it. The
     * per-table limit counts these under the table lock, so it holds across replicas.
     */
    presses: timestamptz('presses').array().notNull().default(sql`'{}'::timestamptz[]`),
    status: text('status', { enum: CALL_STATUSES }).notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    doneAt: timestamptz('done_at'),
    doneByAdminId: uuid('done_by_admin_id'),
    doneByUsername: text('done_by_username'),
  },
  (t) => [
    uniqueIndex('calls_one_open_key').on(t.tableId).where(sql`${t.status} = 'open'`),
    index('calls_store_created_idx').on(t.storeId, t.createdAt),
    index('calls_table_created_idx').on(t.tableId, t.createdAt),
    // The per-table limit looks for presses in the last minutes: any call with one was updated since.
    index('calls_table_updated_idx').on(t.tableId, t.updatedAt),
  ],
);

export const PAYMENT_METHODS = ['card', 'cash', 'transfer', 'voucher', 'other'] as const;

/** What guests paid (the card terminal stays outside; staff record it). Refunds are kept. */
export const payments = pgTable(
  'payments',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tableSessions.id),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
    createdByAdminId: uuid('created_by_admin_id'),
    createdByUsername: text('created_by_username'),
    refundedAt: timestamptz('refunded_at'),
    refundedByAdminId: uuid('refunded_by_admin_id'),
    refundedByUsername: text('refunded_by_username'),
  },
  (t) => [
    index('payments_session_idx').on(t.sessionId),
    index('payments_store_created_idx').on(t.storeId, t.createdAt),
  ],
);

/** One shared cart per table: the tablet and every phone at the table fill it together. */
export const carts = pgTable('carts', {
  tableId: uuid('table_id')
    .primaryKey()
    .references(() => tables.id, { onDelete: 'cascade' }),
  storeId: uuid('store_id')
    .notNull()
    .references(() => stores.id, { onDelete: 'cascade' }),
  /** Bumped by every change; checkout names the version it saw (409 CART_CHANGED otherwise). */
  version: integer('version').notNull().default(0),
  updatedAt: updatedAt(),
});

export const cartLines = pgTable(
  'cart_lines',
  {
    id: id(),
    tableId: uuid('table_id')
      .notNull()
      .references(() => carts.tableId, { onDelete: 'cascade' }),
    menuId: uuid('menu_id').notNull(),
    quantity: integer('quantity').notNull(),
    optionIds: uuid('option_ids').array().notNull().default(sql`'{}'::uuid[]`),
    note: text('note'),
    addedByKind: text('added_by_kind', { enum: ['table', 'guest'] }).notNull(),
    addedByLabel: text('added_by_label').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('cart_lines_table_idx').on(t.tableId, t.createdAt)],
);

/**
 * Guests' phones: a token is a server-side record bound to one visit. It stops working when the
 * visit ends or the table's QR code is rotated.
 */
export const guestTokens = pgTable(
  'guest_tokens',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id, { onDelete: 'cascade' }),
    /** Null until the guest's first order opens a visit (guest ordering at any table). */
    sessionId: uuid('session_id').references(() => tableSessions.id),
    /** "손님 2": how the shared cart names this phone. */
    label: text('label').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('guest_tokens_table_idx').on(t.tableId), index('guest_tokens_session_idx').on(t.sessionId)],
);
