import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';

/** Where dishes are made (주방, 음료, 바), each with its ticket printer. Every store keeps at least one. */
export const stations = pgTable(
  'stations',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The lowest is the store's "first" station: dishes of unrouted categories go there. */
    sortOrder: integer('sort_order').notNull().default(0),
    printerHost: text('printer_host'),
    printerPort: integer('printer_port'),
    /** The print agent's last report on the printer; null until it reports. */
    printerOnline: boolean('printer_online'),
    printerError: text('printer_error'),
    printerCheckedAt: timestamptz('printer_checked_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Soft delete: order lines and print jobs keep pointing at it. */
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    index('stations_store_idx').on(t.storeId),
    uniqueIndex('stations_store_name_live_key').on(t.storeId, sql`lower(${t.name})`).where(sql`${t.deletedAt} IS NULL`),
  ],
);

export const PRINT_JOB_KINDS = ['order', 'reprint', 'void', 'move'] as const;

/**
 * Kitchen tickets to print, one per (order, station) and per reprint, void or move. The print
 * agent claims jobs with a lease, prints, then acknowledges: a job not acknowledged is retried,
 * an acknowledged one is never printed again.
 */
export const printJobs = pgTable(
  'print_jobs',
  {
    id: id(),
    /** Queue order within a station. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    stationId: uuid('station_id').notNull(),
    orderId: uuid('order_id').notNull(),
    kind: text('kind', { enum: PRINT_JOB_KINDS }).notNull(),
    /** Everything the ticket shows, as it was when the job was made. */
    ticket: jsonb('ticket').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    leasedUntil: timestamptz('leased_until'),
    leasedBy: text('leased_by'),
    attempts: integer('attempts').notNull().default(0),
    printedAt: timestamptz('printed_at'),
  },
  (t) => [
    index('print_jobs_queue_idx').on(t.stationId, t.seq).where(sql`${t.printedAt} IS NULL`),
    index('print_jobs_store_idx').on(t.storeId, t.createdAt),
  ],
);
