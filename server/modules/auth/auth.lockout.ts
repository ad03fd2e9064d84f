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

/** How long a password check may take before the attempt it belongs to is given up for lost. */
export const PENDING_TTL_MS = 30_000;
/** How long an attempt waits for the checks under way on its key before it is refused. */
export const MAX_WAIT_MS = 5_000;

/** The answer to one sign-in attempt before its password is checked. */
export interface Claim {
  /** Whole seconds to come back after when the attempt is refused; null when it may go on. */
  refusedForSeconds: number | null;
}

/**
 * Sign-in attempts per account key, kept in the database so every replica sees the same count.
 * Keys are built from what was typed, whether or not the account exists, so an unknown account
 * locks exactly like a real one and lockout tells nothing about which accounts exist.
 *
 * A password check is admitted before it runs and counts against the limit while it runs, so
 * parallel guesses on any replica cannot get more than MAX_FAILURES failing checks in together.
 */
export interface Lockout {
  /**
   * Admits one attempt to check its password, or refuses it while the key is locked. While
   * MAX_FAILURES checks are under way the attempt waits for their outcome: failures lock the key,
   * a success frees it (so an account signing in on several devices at once is not refused).
   */
  claim(key: string): Promise<Claim>;
  /** The admitted check failed: count it, and lock the key at MAX_FAILURES. */
  recordFailure(key: string): Promise<void>;
  /** The admitted check succeeded: forget the failures (and any lock). */
  clear(key: string): Promise<void>;
  /** Deletes keys that neither lock nor count any more; returns how many. */
  prune(): Promise<number>;
}

export function createLockout(deps: { db: Db; clock: Clock }): Lockout {
  const { db, clock } = deps;

  const secondsUntil = (until: Date | null, now: Date) =>
    until && until.getTime() > now.getTime() ? Math.ceil((until.getTime() - now.getTime()) / 1000) : null;

  type Outcome = { admitted: true } | { admitted: false; lockedForSeconds: number | null; busyForSeconds: number };

  /** One try: admitted, locked, or busy with MAX_FAILURES checks under way. */
  async function tryClaim(key: string): Promise<Outcome> {
    const now = clock.now();
    const at = (ms: number) => sql`${new Date(now.getTime() + ms).toISOString()}::timestamptz`;
    // A locked row counts on until its lock ends; an unlocked one starts again from zero once its
    // first failure is older than the window (five typos spread over a day lock nobody out).
    const restart = sql`(CASE WHEN ${loginAttempts.lockedUntil} IS NOT NULL
      THEN ${loginAttempts.lockedUntil} <= ${at(0)}
      ELSE ${loginAttempts.firstFailedAt} <= ${at(-FAILURE_WINDOW_MS)} END)`;
    const failures = sql`(CASE WHEN ${restart} THEN 0 ELSE ${loginAttempts.failures} END)`;
    const pending = sql`(CASE WHEN ${loginAttempts.pendingUntil} > ${at(0)} THEN ${loginAttempts.pending} ELSE 0 END)`;
    // One statement: the row lock of the upsert orders concurrent attempts on every replica, and
    // its WHERE sees the row as the attempt before it left it.
    const admitted = await db
      .insert(loginAttempts)
      .values({
        key,
        failures: 0,
        firstFailedAt: now,
        pending: 1,
        pendingUntil: new Date(now.getTime() + PENDING_TTL_MS),
      })
      .onConflictDoUpdate({
        target: loginAttempts.key,
        set: {
          failures,
          firstFailedAt: sql`CASE WHEN ${restart} THEN ${at(0)} ELSE ${loginAttempts.firstFailedAt} END`,
          lockedUntil: null,
          pending: sql`${pending} + 1`,
          pendingUntil: at(PENDING_TTL_MS),
        },
        setWhere: sql`${restart} OR (${loginAttempts.lockedUntil} IS NULL AND ${failures} + ${pending} < ${MAX_FAILURES})`,
      })
      .returning({ key: loginAttempts.key });
    if (admitted.length > 0) return { admitted: true };
    const [row] = await db
      .select({ lockedUntil: loginAttempts.lockedUntil, pendingUntil: loginAttempts.pendingUntil })
      .from(loginAttempts)
      .where(eq(loginAttempts.key, key));
    return {
      admitted: false,
      lockedForSeconds: secondsUntil(row?.lockedUntil ?? null, now),
      busyForSeconds: secondsUntil(row?.pendingUntil ?? null, now) ?? 1,
    };
  }

  return {
    async claim(key) {
      const started = Date.now();
      for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
        const outcome = await tryClaim(key);
        if (outcome.admitted) return { refusedForSeconds: null };
        if (outcome.lockedForSeconds !== null) return { refusedForSeconds: outcome.lockedForSeconds };
        // Busy: the checks under way end in a lock or a success within a bcrypt comparison or
        // so. Real time here, not the clock: this is how long a request waits, not a rule.
        if (Date.now() - started >= MAX_WAIT_MS) return { refusedForSeconds: outcome.busyForSeconds };
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    },

    async recordFailure(key) {
      const now = clock.now();
      const lockUntil = sql`${new Date(now.getTime() + LOCK_MS).toISOString()}::timestamptz`;
      // A key cleared meanwhile (a success, a new password) has no row left, and nothing to count.
      await db
        .update(loginAttempts)
        .set({
          failures: sql`${loginAttempts.failures} + 1`,
          pending: sql`GREATEST(${loginAttempts.pending} - 1, 0)`,
          lockedUntil: sql`CASE
            WHEN ${loginAttempts.lockedUntil} IS NULL AND ${loginAttempts.failures} + 1 >= ${MAX_FAILURES} THEN ${lockUntil}
            ELSE ${loginAttempts.lockedUntil} END`,
        })
        .where(eq(loginAttempts.key, key));
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
            or(isNull(loginAttempts.pendingUntil), lt(loginAttempts.pendingUntil, now)),
          ),
        )
        .returning({ key: loginAttempts.key });
      return deleted.length;
    },
  };
}
