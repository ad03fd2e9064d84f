import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { admins, tables } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let w: Awaited<ReturnType<ReturnType<typeof factories>['world']>>;

beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
  w = await f.world({ tables: 3 });
});
afterAll(() => t.close());

const INVALID = {
  error: { code: 'INVALID_CREDENTIALS', message: 'The store, account or password is not correct', details: {} },
};

describe('table sign-in', () => {
  it('signs a tablet in and the token works on table routes', async () => {
    const table = w.table1;
    const res = await t.api.post('/api/v1/auth/table/login', {
      storeCode: w.store.code,
      tableNumber: table.number,
      password: table.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.table).toEqual({
      id: table.id,
      number: table.number,
      storeId: w.store.id,
      storeName: w.store.name,
    });
    expect(new Date(res.body.expiresAt).getTime() - t.clock.now().getTime()).toBe(16 * 3_600_000);
    expect(res.body.expiresAt).toMatch(/Z$/);
    const principal = await t.app.tokens.verify(res.body.token);
    expect(principal).toMatchObject({ kind: 'table', sub: table.id, storeId: w.store.id, ver: 0 });
  });

  it('accepts the store code in any case and with spaces around it', async () => {
    const table = w.table2;
    const res = await t.api.post('/api/v1/auth/table/login', {
      storeCode: `  ${w.store.code.toUpperCase()} `,
      tableNumber: table.number,
      password: table.password,
    });
    expect(res.status).toBe(200);
  });

  it('answers unknown store, unknown table, wrong password and an inactive store without the password with the same 401', async () => {
    const inactive = await f.store({ isActive: false });
    const inactiveTable = await f.table(inactive.id, { number: 1, password: '1234' });
    const attempts = [
      { storeCode: 'no-such-store', tableNumber: 1, password: '1234' },
      { storeCode: w.store.code, tableNumber: 998, password: '1234' },
      { storeCode: w.store.code, tableNumber: w.table3.number, password: 'wrong' },
      { storeCode: inactive.code, tableNumber: inactiveTable.number, password: 'wrong' },
    ];
    for (const body of attempts) {
      const res = await t.api.post('/api/v1/auth/table/login', body);
      expect(res.status, JSON.stringify(body)).toBe(401);
      expect(res.body).toEqual(INVALID);
    }
    // The right password learns why: the tablet keeps its setup and waits instead of asking for a new one.
    const right = await t.api.post('/api/v1/auth/table/login', {
      storeCode: inactive.code,
      tableNumber: inactiveTable.number,
      password: inactiveTable.password,
    });
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('STORE_INACTIVE');
    expect(right.body.token).toBeUndefined();
  });

  it('rejects malformed input with 400 in the error shape', async () => {
    for (const body of [
      {},
      { storeCode: w.store.code, tableNumber: 0, password: '1234' },
      { storeCode: w.store.code, tableNumber: 1.5, password: '1234' },
      { storeCode: w.store.code, tableNumber: 1, password: '' },
      { storeCode: w.store.code, tableNumber: '1', password: '1234' },
    ]) {
      const res = await t.api.post('/api/v1/auth/table/login', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('does not sign in a deleted table', async () => {
    const table = await f.table(w.store.id, { number: 500 });
    await t.app.db.update(tables).set({ deletedAt: t.clock.now() }).where(eq(tables.id, table.id));
    const res = await t.api.post('/api/v1/auth/table/login', {
      storeCode: w.store.code,
      tableNumber: 500,
      password: table.password,
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });
});

describe('admin sign-in', () => {
  it('signs an owner and a manager in with their role', async () => {
    for (const account of [w.owner, w.manager]) {
      const res = await t.api.post('/api/v1/auth/admin/login', {
        storeCode: w.store.code,
        username: account.username,
        password: account.password,
      });
      expect(res.status).toBe(200);
      expect(res.body.admin).toEqual({
        id: account.id,
        username: account.username,
        role: account.role,
        storeId: w.store.id,
        storeName: w.store.name,
      });
      expect(await t.app.tokens.verify(res.body.token)).toMatchObject({ kind: 'admin', role: account.role });
    }
  });

  it('answers unknown store, unknown user, wrong password and an inactive store without the password with the same 401', async () => {
    const inactive = await f.store({ isActive: false });
    const inactiveOwner = await f.admin(inactive.id);
    const other = await f.store();
    const right = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: inactive.code,
      username: inactiveOwner.username,
      password: inactiveOwner.password,
    });
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('STORE_INACTIVE');
    const attempts = [
      { storeCode: 'no-such-store', username: w.owner.username, password: w.owner.password },
      { storeCode: w.store.code, username: 'nobody-here', password: w.owner.password },
      { storeCode: w.store.code, username: w.manager.username, password: 'wrong-password' },
      { storeCode: inactive.code, username: inactiveOwner.username, password: 'wrong-password' },
      // The right account and password, but typed with another store's code.
      { storeCode: other.code, username: w.owner.username, password: w.owner.password },
    ];
    for (const body of attempts) {
      const res = await t.api.post('/api/v1/auth/admin/login', body);
      expect(res.status, JSON.stringify(body)).toBe(401);
      expect(res.body).toEqual(INVALID);
    }
  });

  it('does not let a super-admin sign in as store staff', async () => {
    const root = await f.superadmin();
    const res = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: w.store.code,
      username: root.username,
      password: root.password,
    });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(INVALID);
  });
});

describe('super-admin sign-in', () => {
  it('signs the super-admin in', async () => {
    const root = await f.superadmin();
    const res = await t.api.post('/api/v1/auth/superadmin/login', { username: root.username, password: root.password });
    expect(res.status).toBe(200);
    expect(res.body.admin).toEqual({ id: root.id, username: root.username, role: 'superadmin' });
    expect(await t.app.tokens.verify(res.body.token)).toMatchObject({ kind: 'superadmin', sub: root.id });
  });

  it('answers unknown user, wrong password and a store owner with the same 401', async () => {
    const root = await f.superadmin();
    for (const body of [
      { username: 'no-such-root', password: root.password },
      { username: root.username, password: 'wrong-password' },
      { username: w.owner.username, password: w.owner.password },
    ]) {
      const res = await t.api.post('/api/v1/auth/superadmin/login', body);
      expect(res.status, JSON.stringify(body)).toBe(401);
      expect(res.body).toEqual(INVALID);
    }
  });
});

describe('tokens on protected routes', () => {
  it('answers 401 without a token, with a tampered one and with garbage', async () => {
    const [, payload, signature] = w.owner.token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        role: 'owner',
        sub: w.manager.id,
      }),
    ).toString('base64url');
    const header = w.owner.token.split('.')[0];
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
    const cases: Array<[string, string | undefined]> = [
      ['missing', undefined],
      ['tampered payload', `${header}.${forgedPayload}.${signature}`],
      ['tampered signature', `${header}.${payload}.${flipped}`],
      ['garbage', 'not-a-jwt'],
    ];
    for (const [name, token] of cases) {
      const res = await t.api.get('/api/v1/admin/users', { token });
      expect(res.status, name).toBe(401);
      expect(res.body.error.code, name).toBe('UNAUTHORIZED');
    }
  });

  it('answers 401 TOKEN_EXPIRED once JWT_EXPIRE_HOURS have passed', async () => {
    const app = await startTestApp({ env: { JWT_EXPIRE_HOURS: '1' } });
    try {
      const fx = factories(app.app);
      const s = await fx.store();
      const owner = await fx.admin(s.id);
      expect((await app.api.get('/api/v1/admin/users', { token: owner.token })).status).toBe(200);
      app.clock.advanceMinutes(61);
      const res = await app.api.get('/api/v1/admin/users', { token: owner.token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_EXPIRED');
    } finally {
      await app.close();
    }
  });

  it('answers 403 to a valid token of the wrong kind', async () => {
    const root = await f.superadmin();
    const table = w.table1;
    expect((await t.api.get('/api/v1/admin/users', { token: table.token })).status).toBe(403);
    expect((await t.api.get('/api/v1/superadmin/stores', { token: w.owner.token })).status).toBe(403);
    expect((await t.api.get('/api/v1/superadmin/stores', { token: table.token })).status).toBe(403);
    const res = await t.api.get('/api/v1/admin/users', { token: root.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });
});

describe('revocation', () => {
  it("revokes a table's tokens when its password changes", async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    const table = await f.table(s.id, { number: 7, password: 'old-pass' });
    const login = await t.api.post('/api/v1/auth/table/login', {
      storeCode: s.code,
      tableNumber: 7,
      password: 'old-pass',
    });
    expect(login.status).toBe(200);
    const staffOnly = await t.api.get('/api/v1/admin/users', { token: login.body.token });
    expect(staffOnly.status).toBe(403); // alive: a table token, refused only for its kind

    const changed = await t.api.patch(
      `/api/v1/admin/tables/${table.id}`,
      { password: 'new-pass' },
      {
        token: owner.token,
      },
    );
    expect(changed.status).toBe(200);

    for (const token of [login.body.token, table.token]) {
      const res = await t.api.get('/api/v1/admin/users', { token });
      expect(res.status).toBe(401);
    }
    const old = await t.api.post('/api/v1/auth/table/login', {
      storeCode: s.code,
      tableNumber: 7,
      password: 'old-pass',
    });
    expect(old.status).toBe(401);
    const fresh = await t.api.post('/api/v1/auth/table/login', {
      storeCode: s.code,
      tableNumber: 7,
      password: 'new-pass',
    });
    expect(fresh.status).toBe(200);
    expect(await t.app.tokens.verify(fresh.body.token)).toMatchObject({ ver: 1 });
    expect((await t.api.get('/api/v1/admin/users', { token: owner.token })).status).toBe(200);
  });

  it("revokes an admin's tokens when their password changes, and a deleted admin's", async () => {
    const s = await f.store();
    const owner = await f.admin(s.id, { role: 'owner' });
    const second = await f.admin(s.id, { role: 'owner' });
    const login = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: s.code,
      username: second.username,
      password: second.password,
    });
    expect((await t.api.get('/api/v1/admin/users', { token: login.body.token })).status).toBe(200);

    const patch = await t.api.patch(
      `/api/v1/admin/users/${second.id}`,
      { password: 'brand-new-password' },
      { token: owner.token },
    );
    expect(patch.status).toBe(200);
    for (const token of [login.body.token, second.token]) {
      expect((await t.api.get('/api/v1/admin/users', { token })).status).toBe(401);
    }
    const relogin = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: s.code,
      username: second.username,
      password: 'brand-new-password',
    });
    expect(relogin.status).toBe(200);
    expect((await t.api.get('/api/v1/admin/users', { token: relogin.body.token })).status).toBe(200);

    expect((await t.api.delete(`/api/v1/admin/users/${second.id}`, { token: owner.token })).status).toBe(204);
    const afterDelete = await t.api.get('/api/v1/admin/users', { token: relogin.body.token });
    expect(afterDelete.status).toBe(401);
  });

  it("stops an inactive store's admins and tables from using their tokens, for good: reactivating revives none", async () => {
    const s = await f.store();
    const owner = await f.admin(s.id);
    const table = await f.table(s.id, { number: 3 });
    const root = await f.superadmin();
    const store = `/api/v1/superadmin/stores/${s.id}`;
    expect((await t.api.patch(store, { isActive: false }, { token: root.token })).status).toBe(200);
    expect((await t.api.get('/api/v1/admin/users', { token: owner.token })).status).toBe(401);
    // A table token is refused as revoked (401) before its kind is even considered.
    expect((await t.api.get('/api/v1/admin/users', { token: table.token })).status).toBe(401);
    expect((await t.api.patch(store, { isActive: true }, { token: root.token })).status).toBe(200);
    expect((await t.api.get('/api/v1/admin/users', { token: owner.token })).status).toBe(401);
    const again = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: s.code,
      username: owner.username,
      password: owner.password,
    });
    expect(again.status).toBe(200);
    expect((await t.api.get('/api/v1/admin/users', { token: again.body.token })).status).toBe(200);
  });

  it('never stores a password in clear and hashes with bcrypt cost 10 or more', async () => {
    const root = await f.superadmin();
    const s = await f.store();
    const created = await t.api.post(
      `/api/v1/superadmin/stores/${s.id}/admins`,
      { username: 'cost-check', password: 'cost-check-password', role: 'owner' },
      { token: root.token },
    );
    expect(created.status).toBe(201);
    const [row] = await t.app.db.select().from(admins).where(eq(admins.id, created.body.id));
    expect(row?.passwordHash).toMatch(/^\$2[aby]\$(1\d|[2-3]\d)\$/);
    expect(row?.passwordHash).not.toContain('cost-check-password');
  });
});
