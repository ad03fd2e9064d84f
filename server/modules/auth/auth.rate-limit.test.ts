import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { SIGN_IN_LIMIT_PER_MINUTE } from './auth.rate-limit.js';

let t: TestApp;
let storeCode: string;
let tablePassword: string;
let owner: { username: string; password: string };

beforeAll(async () => {
  // The test client plays nginx on the same host (TRUSTED_PROXIES as the single server sets it).
  t = await startTestApp({ env: { TRUSTED_PROXIES: '127.0.0.1' } });
  const f = factories(t.app);
  const s = await f.store();
  storeCode = s.code;
  const table = await f.table(s.id, { number: 1, password: '2468' });
  tablePassword = table.password;
  owner = await f.admin(s.id);
});
afterAll(() => t.close());

const tableLogin = (app: TestApp, headers: Record<string, string> = {}) =>
  app.api.post('/api/v1/auth/table/login', { storeCode, tableNumber: 1, password: tablePassword }, { headers });

/** Sends `n` sign-ins, `parallel` at a time, and returns their statuses. */
async function burst(n: number, parallel: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < n; sent += parallel) {
    const batch = await Promise.all(Array.from({ length: Math.min(parallel, n - sent) }, send));
    statuses.push(...batch.map((r) => r.status));
  }
  return statuses;
}

describe('per-IP sign-in rate limit', () => {
  it('lets a whole restaurant of tablets sign in from one IP, then answers 429 RATE_LIMITED', async () => {
    expect(SIGN_IN_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(120);
    const statuses = await burst(SIGN_IN_LIMIT_PER_MINUTE, 10, () => tableLogin(t));
    expect(statuses.filter((s) => s === 200)).toHaveLength(SIGN_IN_LIMIT_PER_MINUTE);

    const limited = await tableLogin(t);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: expect.any(String),
        details: { retryAfterSeconds: expect.any(Number) },
      },
    });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts per client IP, taken from X-Forwarded-For set by a trusted local proxy', async () => {
    expect((await tableLogin(t)).status).toBe(429);
    expect((await tableLogin(t, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
  });

  it('ignores X-Forwarded-For from a peer not in TRUSTED_PROXIES, so no client can rotate past the limit', async () => {
    // Its own installation, so its counters start at zero (with Redis too). Empty bodies: the
    // limit counts before validation, so cheap 400s use up the budget as well as sign-ins would.
    const untrusting = await startTestApp();
    try {
      const statuses = await burst(SIGN_IN_LIMIT_PER_MINUTE + 1, 10, () =>
        untrusting.api.post(
          '/api/v1/auth/table/login',
          {},
          { headers: { 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250) + 1}` } },
        ),
      );
      expect(statuses.slice(0, SIGN_IN_LIMIT_PER_MINUTE).every((s) => s === 400)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await untrusting.close();
    }
  }, 120_000); // a second app of its own, on a fresh database

  it('keeps a separate budget per sign-in route, so a tablet rush does not lock staff out', async () => {
    const res = await t.api.post('/api/v1/auth/admin/login', { storeCode, ...owner });
    expect(res.status).toBe(200);
  });

  it('does not share counters with another installation (or test app) on the same Redis', async () => {
    const other = await startTestApp();
    try {
      const f = factories(other.app);
      const s = await f.store({ code: storeCode });
      await f.table(s.id, { number: 1, password: tablePassword });
      expect((await tableLogin(other)).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('shares counters between replicas of one installation', async () => {
    const replica = await startTestApp({ database: t.database });
    try {
      const res = await tableLogin(replica);
      // Replicas of one installation share the counter only through Redis; alone, each has its own.
      expect(res.status).toBe(t.config.redisUrl ? 429 : 200);
    } finally {
      await replica.close();
    }
  });
});
