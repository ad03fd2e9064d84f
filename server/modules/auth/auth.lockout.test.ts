import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { admins, loginAttempts } from '../../db/schema/index.js';
import type { ManualClock } from '../../lib/clock.js';
import { hashPassword } from '../../lib/passwords.js';
import { createLockout, lockoutKeys } from './auth.lockout.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let clock: ManualClock;

beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
  clock = t.clock;
});
afterAll(() => t.close());

const adminLogin = (body: { storeCode: string; username: string; password: string }) =>
  t.api.post('/api/v1/auth/admin/login', body);

/** An owner whose hash has the production bcrypt cost, so each check takes as long as in service. */
async function ownerWithRealHash() {
  const s = await f.store();
  const owner = await f.admin(s.id);
  await t.app.db
    .update(admins)
    .set({ passwordHash: await hashPassword(owner.password) })
    .where(eq(admins.id, owner.id));
  return { s, owner };
}

async function failTimes(n: number, send: () => Promise<{ status: number }>) {
  for (let i = 0; i < n; i++) expect((await send()).status).toBe(401);
}

describe('account lockout', () => {
  it('locks an admin for 15 minutes after 5 failures, even with the right password, then lets them in', async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    const wrong = () => adminLogin({ storeCode: s.code, username: owner.username, password: 'wrong-password' });
    const right = () => adminLogin({ storeCode: s.code, username: owner.username, password: owner.password });

    await failTimes(5, wrong);
    const lockedOut = await right();
    expect(lockedOut.status).toBe(429);
    expect(lockedOut.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(lockedOut.headers.get('retry-after')).toBe(String(15 * 60));
    expect(lockedOut.body.error.details.retryAfterSeconds).toBe(15 * 60);

    clock.advanceMinutes(10);
    const later = await right();
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe(String(5 * 60));

    // Another account of the same store is not affected.
    const manager = await f.admin(s.id, { role: 'manager' });
    expect(
      (await adminLogin({ storeCode: s.code, username: manager.username, password: manager.password })).status,
    ).toBe(200);

    clock.advanceMinutes(5);
    expect((await right()).status).toBe(200);
  });

  it('clears the failures on success', async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    const wrong = () => adminLogin({ storeCode: s.code, username: owner.username, password: 'wrong-password' });
    await failTimes(4, wrong);
    expect((await adminLogin({ storeCode: s.code, username: owner.username, password: owner.password })).status).toBe(
      200,
    );
    // Four more failures do not lock: the count started again from zero.
    await failTimes(4, wrong);
    expect((await adminLogin({ storeCode: s.code, username: owner.username, password: owner.password })).status).toBe(
      200,
    );
  });

  it('forgets failures older than the 15-minute window', async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    const wrong = () => adminLogin({ storeCode: s.code, username: owner.username, password: 'wrong-password' });
    await failTimes(4, wrong);
    clock.advanceMinutes(16);
    await failTimes(4, wrong);
    expect((await adminLogin({ storeCode: s.code, username: owner.username, password: owner.password })).status).toBe(
      200,
    );
  });

  it('ends the lock when an owner or the super-admin sets a new password', async () => {
    const s = await f.store();
    const owner = await f.admin(s.id, { role: 'owner' });
    const manager = await f.admin(s.id, { role: 'manager' });
    const login = (password: string) => adminLogin({ storeCode: s.code, username: manager.username, password });
    await failTimes(5, () => login('wrong-password'));
    expect((await login(manager.password)).status).toBe(429);
    const reset = await t.api.patch(
      `/api/v1/admin/users/${manager.id}`,
      { password: 'fresh-password' },
      { token: owner.token },
    );
    expect(reset.status).toBe(200);
    expect((await login('fresh-password')).status).toBe(200);
  });

  it('locks a table by store code and table number', async () => {
    const s = await f.store();
    const table = await f.table(s.id, { number: 12, password: '5678' });
    const other = await f.table(s.id, { number: 13, password: '5678' });
    const login = (tableNumber: number, password: string) =>
      t.api.post('/api/v1/auth/table/login', { storeCode: s.code, tableNumber, password });
    await failTimes(5, () => login(table.number, '0000'));
    const res = await login(table.number, '5678');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(res.headers.get('retry-after'))).toBe(900);
    expect((await login(other.number, '5678')).status).toBe(200);
    clock.advanceMinutes(16);
    expect((await login(table.number, '5678')).status).toBe(200);
  });

  it('locks the super-admin by username', async () => {
    const root = await f.superadmin();
    const login = (password: string) =>
      t.api.post('/api/v1/auth/superadmin/login', { username: root.username, password });
    await failTimes(5, () => login('wrong-password'));
    const res = await login(root.password);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
    clock.advanceMinutes(15);
    expect((await login(root.password)).status).toBe(200);
  });

  it('locks unknown accounts and unknown stores exactly like real ones', async () => {
    const s = await f.store();
    const real = await f.admin(s.id);
    const probes = [
      { storeCode: s.code, username: real.username },
      { storeCode: s.code, username: 'ghost-user' },
      { storeCode: 'ghost-store', username: 'ghost-user' },
    ];
    const answers = [];
    for (const probe of probes) {
      const statuses = [];
      for (let i = 0; i < 6; i++) {
        const res = await adminLogin({ ...probe, password: 'wrong-password' });
        statuses.push(res.status);
        if (i === 5) answers.push({ body: res.body, retryAfter: res.headers.get('retry-after') });
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('counts concurrent failures without losing any', async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    // Five wrong passwords at once all pass the lock check; a read-modify-write counter would
    // lose some of them and never reach five.
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        adminLogin({ storeCode: s.code, username: owner.username, password: 'wrong-password' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const [row] = await t.app.db
      .select()
      .from(loginAttempts)
      .where(eq(loginAttempts.key, lockoutKeys.admin(s.code, owner.username)));
    expect(row?.failures).toBe(5);
    const res = await adminLogin({ storeCode: s.code, username: owner.username, password: owner.password });
    expect(res.status).toBe(429);
  });

  it('checks at most 5 wrong passwords when guesses arrive in parallel', async () => {
    const { s, owner } = await ownerWithRealHash();
    // Every guess that passes a read-only lock check before the fifth failure is written would
    // get its own password check; the attempt must be counted before the comparison instead.
    const results = await Promise.all(
      Array.from({ length: 30 }, () =>
        adminLogin({ storeCode: s.code, username: owner.username, password: 'wrong-password' }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    for (const res of results.filter((r) => r.status === 429)) {
      expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
      expect(res.headers.get('retry-after')).toBe(String(15 * 60));
    }
    const right = await adminLogin({ storeCode: s.code, username: owner.username, password: owner.password });
    expect(right.status).toBe(429);
  });

  it('checks at most 5 wrong passwords in parallel across two replicas', async () => {
    const { s, owner } = await ownerWithRealHash();
    const replica = await startTestApp({ database: t.database, clock });
    try {
      const body = { storeCode: s.code, username: owner.username, password: 'wrong-password' };
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? replica.api : t.api).post('/api/v1/auth/admin/login', body)),
      );
      expect(results.filter((r) => r.status === 401)).toHaveLength(5);
      expect(results.filter((r) => r.status === 429)).toHaveLength(25);
    } finally {
      await replica.close();
    }
  });

  it('keeps the lock in the database, so another replica refuses the account too', async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    await failTimes(5, () => adminLogin({ storeCode: s.code, username: owner.username, password: 'wrong-password' }));
    const replica = await startTestApp({ database: t.database, clock });
    try {
      const res = await replica.api.post('/api/v1/auth/admin/login', {
        storeCode: s.code,
        username: owner.username,
        password: owner.password,
      });
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
    } finally {
      await replica.close();
    }
  });

  it('signs in every one of many parallel attempts with the right password', async () => {
    const { s, owner } = await ownerWithRealHash();
    // More than MAX_FAILURES at once: the ones past the limit wait for the checks under way
    // instead of being refused, and a success frees the key for them.
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        adminLogin({ storeCode: s.code, username: owner.username, password: owner.password }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, () => 200));
  });

  it('gives up checks that never report back (a replica that died mid-check)', async () => {
    const lockout = createLockout({ db: t.app.db, clock });
    for (let i = 0; i < 5; i++) expect((await lockout.claim('test:lost')).refusedForSeconds).toBeNull();
    clock.advanceMinutes(1);
    expect((await lockout.claim('test:lost')).refusedForSeconds).toBeNull();
  });

  it('prunes keys that no longer count or lock', async () => {
    const lockout = createLockout({ db: t.app.db, clock });
    const fail = async (key: string) => {
      expect((await lockout.claim(key)).refusedForSeconds).toBeNull();
      await lockout.recordFailure(key);
    };
    await fail('test:stale');
    for (let i = 0; i < 5; i++) await fail('test:locked');
    expect((await lockout.claim('test:locked')).refusedForSeconds).toBe(15 * 60);
    clock.advanceMinutes(14);
    await fail('test:fresh');
    clock.advanceMinutes(2);
    await lockout.prune();
    const keys = (await t.app.db.select({ key: loginAttempts.key }).from(loginAttempts)).map((r) => r.key);
    expect(keys).not.toContain('test:stale');
    expect(keys).not.toContain('test:locked');
    expect(keys).toContain('test:fresh');
    expect((await lockout.claim('test:fresh')).refusedForSeconds).toBeNull();
  });
});
