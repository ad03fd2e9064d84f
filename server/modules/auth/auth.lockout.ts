import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { loginAttempts, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten: five typos spread over a day do not lock anyone out. */
export const FAILURE_WINDOW_MS = 15 * 60_000;

/** Lockout keys name what was typed, so they exist for accounts that don't (same lock, same answer). */
export const lockoutKeys = {
  table: (storeCode: string, tableNumber: number) => `table:${JSON.stringify([storeCode, tableNumber])}`,
  admin: (storeCode: string, username: string) => `admin:${JSON.stringify([storeCode, username])}`,
  superadmin: (username: string) => `superadmin:${JSON.stringify([username])}`,
};

/**
 * A password set by staff is the way out of a lockout, so it ends it: called in the transaction
 * that stores the new password of a store's admin or table.
 */
export async function endStoreLockout(
  tx: Tx,
  storeId: string,
  account: { admin: string } | { table: number },
): Promise<void> {
  const [store] = await tx.select({ code: stores.code }).from(stores).where(eq(stores.id, storeId));
  if (!store) return;
  const key =
    'admin' in account ? lockoutKeys.admin(store.code, account.admin) : lockoutKeys.table(store.code, account.table);
  await tx.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

export interface LockState {
  /** Whole seconds until the lock ends, or null when the key is not locked. */
  lockedForSeconds: number | null;
  /** Whether a row exists for the key (so a success knows whether there is anything to clear). */
  hasFailures: boolean;
}

/**
 * Failed sign-ins per account key, kept in the database so every replica sees the same count.
 * Keys are built from what was typed, whether or not the account exists, so an unknown account
 * locks exactly like a real one and lockout tells nothing about which accounts exist.
 */
export interface Lockout {
  state(key: string): Promise<LockState>;
  /** Counts one failure (atomically, safe under concurrent sign-ins) and locks at MAX_FAILURES. */
  recordFailure(key: string): Promise<LockState>;
  clear(key: string): Promise<void>;
  /** Deletes keys that neither lock nor count any more; returns how many. */
  prune(): Promise<number>;
}

export function createLockout(deps: { db: Db; clock: Clock }): Lockout {
  const { db, clock } = deps;

  const secondsUntil = (until: Date | null, now: Date) =>
    until && until.getTime() > now.getTime() ? Math.ceil((until.getTime() - now.getTime()) / 1000) : null;

  return {
    async state(key) {
      const now = clock.now();
      const [row] = await db
        .select({ lockedUntil: loginAttempts.lockedUntil })
        .from(loginAttempts)
        .where(eq(loginAttempts.key, key));
      return { lockedForSeconds: secondsUntil(row?.lockedUntil ?? null, now), hasFailures: Boolean(row) };
    },

    async recordFailure(key) {
      const now = clock.now();
      const at = (ms: number) => sql`${new Date(now.getTime() + ms).toISOString()}::timestamptz`;
      // One statement, so concurrent failures serialize on the row and none is lost. A row whose
      // window has passed or whose lock has ended starts counting again from one.
      const restart = sql`(${loginAttempts.firstFailedAt} <= ${at(-FAILURE_WINDOW_MS)} OR ${loginAttempts.lockedUntil} <= ${at(0)})`;
      const failures = sql`CASE WHEN ${restart} THEN 1 ELSE ${loginAttempts.failures} + 1 END`;
      const [row] = await db
        .insert(loginAttempts)
        .values({ key, failures: 1, firstFailedAt: now })
        .onConflictDoUpdate({
          target: loginAttempts.key,
          set: {
            failures,
            firstFailedAt: sql`CASE WHEN ${restart} THEN ${at(0)} ELSE ${loginAttempts.firstFailedAt} END`,
            lockedUntil: sql`CASE
              WHEN ${restart} THEN NULL
              WHEN ${loginAttempts.failures} + 1 >= ${MAX_FAILURES} THEN ${at(LOCK_MS)}
              ELSE ${loginAttempts.lockedUntil} END`,
          },
        })
        .returning({ lockedUntil: loginAttempts.lockedUntil });
      return { lockedForSeconds: secondsUntil(row?.lockedUntil ?? null, now), hasFailures: true };
    },

    async clear(key) {
      await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
    },

    async prune() {
      const now = clock.now();
      const deleted = await db
        .delete(loginAttempts)
        .where(
          and(
            lt(loginAttempts.firstFailedAt, new Date(now.getTime() - FAILURE_WINDOW_MS)),
            or(isNull(loginAttempts.lockedUntil), lt(loginAttempts.lockedUntil, now)),
          ),
        )
        .returning({ key: loginAttempts.key });
      return deleted.length;
    },
  };
}
