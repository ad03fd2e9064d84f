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
