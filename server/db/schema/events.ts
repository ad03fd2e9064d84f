import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { stores } from './stores.js';

/**
 * The event log: every state change writes its event here in the same transaction. `seq` is the
 * SSE cursor, handed out per store in commit order (see stores.lastEventSeq). The bus only wakes
 * replicas; streams read from here, so replay and fan-out are exact.
 */
export const events = pgTable(
  'events',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Set for events that belong to one table (its orders, its session); null for store-wide ones. */
    tableId: uuid('table_id'),
    /** Other tables the event concerns (a move or merge names both); their streams get it too. */
    otherTableIds: uuid('other_table_ids').array(),
    /** The visit the event belongs to, if any: a guest's phone sees its own visit's events only. */
    sessionId: uuid('session_id'),
    type: text('type').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.seq] }),
    index('events_created_idx').on(t.createdAt),
    // A tablet resuming its stream looks up its table's last visit boundary among these.
    index('events_visit_boundary_idx').on(t.storeId, t.seq).where(sql`${t.type} IN ('session.ended', 'session.moved')`),
  ],
);
