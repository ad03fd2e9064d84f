import { sql } from 'drizzle-orm';
import { bigint, boolean, check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.js';

export const GUEST_ORDERING = ['off', 'open-tables', 'any-table'] as const;

export const stores = pgTable(
  'stores',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull().default('Asia/Seoul'),
    isActive: boolean('is_active').notNull().default(true),
    /**
     * Per-store counters. Every transaction that writes an order or an event takes this row's lock
     * last and keeps it until commit, so order numbers and event cursors are handed out in commit
     * order — a reader that has seen cursor N has seen every event before N.
     */
    lastOrderNo: integer('last_order_no').notNull().default(0),
    lastEventSeq: bigint('last_event_seq', { mode: 'number' }).notNull().default(0),
    /** Bumped by every menu change; the table menu's ETag. */
    menuVersion: integer('menu_version').notNull().default(0),
    /** Store settings (owner): may guests' phones order, ask the guest count, require a PIN. */
    guestOrdering: text('guest_ordering', { enum: GUEST_ORDERING }).notNull().default('open-tables'),
    askGuestCount: boolean('ask_guest_count').notNull().default(false),
    requirePin: boolean('require_pin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('stores_code_key').on(t.code), check('stores_code_format', sql`${t.code} ~ '^[a-z0-9-]{2,32}$'`)],
);
