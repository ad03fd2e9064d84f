/**
 * True when `err` (or an error it wraps: Drizzle puts the driver's error in `cause`) is a
 * PostgreSQL unique violation (SQLSTATE 23505), optionally of one named constraint or index.
 * node-postgres and PGlite both expose the SQLSTATE as `code` and the index as `constraint`.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let current: unknown = err, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, constraint: name, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint;
    current = cause;
  }
  return false;
}

/** The SQLSTATE of `err` or of an error it wraps, if any. */
function sqlState(err: unknown): string | undefined {
  for (let current: unknown = err, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return undefined;
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = cause;
  }
  return undefined;
}

/**
 * True for failures that say "try the same transaction again": a deadlock (40P01) or a
 * serialization failure (40001). Writers that may meet them retry; they are never a 500.
 */
export function isRetryableConflict(err: unknown): boolean {
  const state = sqlState(err);
  return state === '40P01' || state === '40001';
}

/** How many times a transaction that met a deadlock or serialization failure is run again. */
const CONFLICT_ATTEMPTS = 5;

/**
 * Runs `work` (one whole transaction) again when it failed with a deadlock or a serialization
 * failure; anything else, or the last failure, is thrown. `work` must start its transaction
 * itself, so every attempt reads afresh.
 */
export async function retryConflicts<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= CONFLICT_ATTEMPTS || !isRetryableConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}
