import type { Clock } from './clock.js';

export interface RateLimit {
  /** Sustained rate: this many per minute. */
  perMinute: number;
  /** How many may come at once before the rate applies (a big party ordering together). */
  burst: number;
}

/**
 * Token buckets per key (a table, a phone): each key may spend `burst` at once and then
 * `perMinute`. Kept in this process: it guards against a misbehaving or malicious client, not
 * against a restaurant (nothing a real table does comes near it), so per-replica counting is
 * enough. Keys idle long enough to be full again are forgotten.
 */
export function createRateLimiter(limit: RateLimit, clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refillPerMs = limit.perMinute / 60_000;
  const fullAfterMs = limit.burst / refillPerMs;
  let lastSweep = 0;

  function sweep(now: number): void {
    if (now - lastSweep < 60_000) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) if (now - bucket.at >= fullAfterMs) buckets.delete(key);
  }

  return {
    /**
     * Spends one token of `key`. Answers null when allowed, else the seconds until one is back
     * (for Retry-After).
     */
    take(key: string): number | null {
      const now = clock.now().getTime();
      sweep(now);
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: now };
      const tokens = Math.min(limit.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
      if (tokens < 1) {
        buckets.set(key, { tokens, at: now });
        return Math.ceil((1 - tokens) / refillPerMs / 1000);
      }
      buckets.set(key, { tokens: tokens - 1, at: now });
      return null;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
