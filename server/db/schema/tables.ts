import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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
    /**
     * The code of the table's QR sticker (`/q/<code>`): random, ≥ 128 bits, unique. Rotating it
     * revokes every guest token issued from the old one.
     */
    qrCode: text('qr_code')
      .notNull()
      .default(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Tables are soft-deleted so their history stays readable; the number becomes free again. */
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    uniqueIndex('tables_store_number_key').on(t.storeId, t.number).where(sql`${t.deletedAt} IS NULL`),
    uniqueIndex('tables_qr_code_key').on(t.qrCode),
    index('tables_store_idx').on(t.storeId),
    check('tables_number_range', sql`${t.number} BETWEEN 1 AND 999`),
  ],
);

export const SESSION_OPENERS = ['order', 'staff', 'tablet', 'guest'] as const;
/** `staff` (이용 완료), `idle` (no order for the timeout), `expired` (open too long), `merged` (합석). */
export const CLOSE_REASONS = ['staff', 'idle', 'expired', 'merged'] as const;

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
    /** Who opened the visit: its first order, staff, the tablet, or a guest's phone. */
    openedBy: text('opened_by', { enum: SESSION_OPENERS }).notNull().default('order'),
    /** The last order, or the opening while there is none: the idle timeout counts from it. */
    lastOrderAt: timestamptz('last_order_at').notNull(),
    guests: integer('guests'),
    /** The 4-digit PIN guests' phones type when the store requires one; shown on the tablet and to staff. */
    pin: text('pin'),
    closedAt: timestamptz('closed_at'),
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    /** For a session merged into another (합석): the one that carries on. */
    mergedIntoSessionId: uuid('merged_into_session_id'),
  },
  (t) => [
    // At most one open session per table, enforced by the database.
    uniqueIndex('table_sessions_one_open_key').on(t.tableId).where(sql`${t.closedAt} IS NULL`),
    index('table_sessions_open_idx').on(t.storeId).where(sql`${t.closedAt} IS NULL`),
    index('table_sessions_table_opened_idx').on(t.tableId, t.openedAt),
    index('table_sessions_store_opened_idx').on(t.storeId, t.openedAt),
    check('table_sessions_guests_range', sql`${t.guests} BETWEEN 1 AND 99`),
  ],
);

export const SESSION_LOG_KINDS = [
  'opened',
  'moved',
  'merged',
  'order-moved',
  'voided',
  'payment',
  'refund',
  'closed',
] as const;

/**
 * What happened to a visit besides its orders — opened, moved, merged, an order moved in or out,
 * voids, payments and refunds, the close — with who did it: the visit's story in history.
 */
export const sessionLog = pgTable(
  'session_log',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tableSessions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SESSION_LOG_KINDS }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    adminId: uuid('admin_id'),
    username: text('username'),
    createdAt: createdAt(),
  },
  (t) => [index('session_log_session_idx').on(t.sessionId, t.createdAt)],
);
