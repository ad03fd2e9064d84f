import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';

export const tables = pgTable(
  'tables',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Bumped on password change; tokens carrying an older version are refused. */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Tables are soft-deleted so their history stays readable; the number becomes free again. */
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    uniqueIndex('tables_store_number_key').on(t.storeId, t.number).where(sql`${t.deletedAt} IS NULL`),
    index('tables_store_idx').on(t.storeId),
    check('tables_number_range', sql`${t.number} BETWEEN 1 AND 999`),
  ],
);

export const tableSessions = pgTable(
  'table_sessions',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    tableId: uuid('table_id')
      .notNull()
      .references(() => tables.id, { onDelete: 'cascade' }),
    openedAt: timestamptz('opened_at').notNull(),
    lastOrderAt: timestamptz('last_order_at').notNull(),
    closedAt: timestamptz('closed_at'),
    /** `staff` (이용 완료), `idle` (no order for the timeout), `expired` (open too long). */
    closeReason: text('close_reason', { enum: ['staff', 'idle', 'expired'] }),
  },
  (t) => [
    // At most one open session per table, enforced by the database.
    uniqueIndex('table_sessions_one_open_key').on(t.tableId).where(sql`${t.closedAt} IS NULL`),
    index('table_sessions_open_idx').on(t.storeId).where(sql`${t.closedAt} IS NULL`),
  ],
);
