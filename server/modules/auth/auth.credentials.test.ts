import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Polls `check` every 10 ms until it holds; answers how long that took. */
async function msUntil(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

describe('credentials kept in memory', () => {
  it('revokes a changed table password on another replica within a second', async () => {
    // The second replica shares the database. On the embedded engine its bus is its own, so it
    // never hears the first one: the revocation reaches it through the log (the periodic sweep).
    // With Redis both replicas share the bus and it arrives within milliseconds.
    const replica = await startTestApp({ database: t.database, backgroundJobs: true });
    try {
      const w = await factories(t.app).world({ tables: 1 });
      const read = (app: TestApp) => app.api.get('/api/v1/table/orders', { token: w.table1.token });
      expect((await read(replica)).status).toBe(200);
      expect((await read(t)).status).toBe(200);

      const changed = await t.api.patch(
        `/api/v1/admin/tables/${w.table1.id}`,
        { password: 'another-1' },
        {
          token: w.owner.token,
        },
      );
      expect(changed.status).toBe(200);
      expect((await read(t)).status).toBe(401);
      const delay = await msUntil(async () => (await read(replica)).status === 401);
      console.info(`revocation seen by the other replica after ${Math.round(delay)} ms (bus: ${replica.app.bus.kind})`);
      expect(delay).toBeLessThan(1_000);
    } finally {
      await replica.close();
    }
  });

  it('takes a role change and a deactivated store into account at once on the same replica', async () => {
    const w = await factories(t.app).world({ tables: 1 });
    const users = '/api/v1/admin/users';
    expect((await t.api.get(users, { token: w.manager.token })).status).toBe(403);
    const promoted = await t.api.patch(`${users}/${w.manager.id}`, { role: 'owner' }, { token: w.owner.token });
    expect(promoted.status).toBe(200);
    expect((await t.api.get(users, { token: w.manager.token })).status).toBe(200);

    const root = await factories(t.app).superadmin();
    const off = await t.api.patch(
      `/api/v1/superadmin/stores/${w.store.id}`,
      { isActive: false },
      { token: root.token },
    );
    expect(off.status).toBe(200);
    expect((await t.api.get('/api/v1/table/orders', { token: w.table1.token })).status).toBe(401);
    expect((await t.api.get(users, { token: w.owner.token })).status).toBe(401);
  });

  it('keeps revoked tokens dead when the store is activated again', async () => {
    const w = await factories(t.app).world({ tables: 1 });
    const root = await factories(t.app).superadmin();
    const store = `/api/v1/superadmin/stores/${w.store.id}`;
    expect((await t.api.patch(store, { isActive: false }, { token: root.token })).status).toBe(200);
    expect((await t.api.patch(store, { isActive: true }, { token: root.token })).status).toBe(200);
    expect((await t.api.get('/api/v1/table/orders', { token: w.table1.token })).status).toBe(401);
    expect((await t.api.get('/api/v1/admin/users', { token: w.owner.token })).status).toBe(401);
    // Signing in again works: the credentials themselves are fine.
    const again = await t.api.post('/api/v1/auth/table/login', {
      storeCode: w.store.code,
      tableNumber: 1,
      password: w.table1.password,
    });
    expect(again.status).toBe(200);
    expect((await t.api.get('/api/v1/table/orders', { token: again.body.token })).status).toBe(200);
  });
});
