import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';

export const admins = pgTable(
  'admins',
  {
    id: id(),
    /** Null for super-admins, who belong to no store. */
    storeId: uuid('store_id').references(() => stores.id, { onDelete: 'cascade' }),
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** `kitchen` accounts run kitchen screens and the print agent: nothing else. */
    role: text('role', { enum: ['superadmin', 'owner', 'manager', 'kitchen'] }).notNull(),
    /** Bumped on password change; tokens carrying an older version are refused. */
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('admins_store_username_key').on(t.storeId, t.username).where(sql`${t.storeId} IS NOT NULL`),
    uniqueIndex('admins_superadmin_username_key').on(t.username).where(sql`${t.storeId} IS NULL`),
    index('admins_store_idx').on(t.storeId),
    check(
      'admins_role_store',
      sql`(${t.role} = 'superadmin' AND ${t.storeId} IS NULL) OR (${t.role} <> 'superadmin' AND ${t.storeId} IS NOT NULL)`,
    ),
  ],
);

/**
 * Sign-in attempts per account key (kind + store + username/table number), shared by every replica.
 * Keys exist for unknown accounts too, so probing cannot tell them apart.
 */
export const loginAttempts = pgTable('login_attempts', {
  key: text('key').primaryKey(),
  /** Failed password checks in the current window. */
  failures: integer('failures').notNull().default(0),
  firstFailedAt: timestamptz('first_failed_at').notNull(),
  lockedUntil: timestamptz('locked_until'),
  /** Password checks under way; they count against the limit until their outcome is known. */
  pending: integer('pending').notNull().default(0),
  /** When the pending checks are given up for lost (a replica that died mid-check). */
  pendingUntil: timestamptz('pending_until'),
});
