import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let root: Awaited<ReturnType<ReturnType<typeof factories>['superadmin']>>;

beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
  root = await f.superadmin();
});
afterAll(() => t.close());

const as = () => ({ token: root.token });

describe('super-admin: stores', () => {
  it('creates a store with the default time zone and lists it', async () => {
    const res = await t.api.post('/api/v1/superadmin/stores', { code: 'gangnam-1', name: '강남 1호점' }, as());
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      code: 'gangnam-1',
      name: '강남 1호점',
      timezone: 'Asia/Seoul',
      isActive: true,
      createdAt: expect.stringMatching(/Z$/),
    });
    const list = await t.api.get('/api/v1/superadmin/stores', as());
    expect(list.status).toBe(200);
    expect(list.body.stores).toContainEqual(res.body);
    const codes = list.body.stores.map((s: { code: string }) => s.code);
    expect(codes).toEqual([...codes].sort());
  });

  it('enforces the store code rules', async () => {
    for (const code of ['a', 'Upper', 'with space', 'under_score', 'ünï', 'x'.repeat(33), '', 'dot.ted']) {
      const res = await t.api.post('/api/v1/superadmin/stores', { code, name: 'Bad' }, as());
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    for (const code of ['ab', '0-9', 'x'.repeat(32)]) {
      expect((await t.api.post('/api/v1/superadmin/stores', { code, name: 'Good' }, as())).status, code).toBe(201);
    }
  });

  it('answers 409 DUPLICATE for a code already taken, on create and on rename', async () => {
    await t.api.post('/api/v1/superadmin/stores', { code: 'dup-code', name: 'First' }, as());
    const again = await t.api.post('/api/v1/superadmin/stores', { code: 'dup-code', name: 'Second' }, as());
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DUPLICATE');
    const other = await t.api.post('/api/v1/superadmin/stores', { code: 'other-code', name: 'Other' }, as());
    const rename = await t.api.patch(`/api/v1/superadmin/stores/${other.body.id}`, { code: 'dup-code' }, as());
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('DUPLICATE');
    const unchanged = await t.api.get('/api/v1/superadmin/stores', as());
    expect(unchanged.body.stores.filter((s: { code: string }) => s.code === 'dup-code')).toHaveLength(1);
  });

  it('accepts IANA time zones (stored canonically) and rejects anything else', async () => {
    const ok = await t.api.post(
      '/api/v1/superadmin/stores',
      { code: 'tz-ok', name: 'TZ', timezone: 'america/new_york' },
      as(),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.timezone).toBe('America/New_York');
    for (const timezone of ['Mars/Olympus', '+09:00', 'KST', '']) {
      const res = await t.api.post('/api/v1/superadmin/stores', { code: 'tz-bad', name: 'TZ', timezone }, as());
      expect(res.status, timezone).toBe(400);
    }
    const patched = await t.api.patch(`/api/v1/superadmin/stores/${ok.body.id}`, { timezone: 'Europe/Paris' }, as());
    expect(patched.body.timezone).toBe('Europe/Paris');
    const bad = await t.api.patch(`/api/v1/superadmin/stores/${ok.body.id}`, { timezone: 'Nowhere/Land' }, as());
    expect(bad.status).toBe(400);
  });

  it('updates name and code, and answers 404 for an unknown store and 400 for an empty body', async () => {
    const created = await t.api.post('/api/v1/superadmin/stores', { code: 'rename-me', name: 'Old' }, as());
    const res = await t.api.patch(
      `/api/v1/superadmin/stores/${created.body.id}`,
      { code: 'renamed', name: 'New' },
      as(),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.body.id, code: 'renamed', name: 'New', timezone: 'Asia/Seoul' });
    expect((await t.api.patch(`/api/v1/superadmin/stores/${randomUUID()}`, { name: 'X' }, as())).status).toBe(404);
    expect((await t.api.patch(`/api/v1/superadmin/stores/not-a-uuid`, { name: 'X' }, as())).status).toBe(400);
    expect((await t.api.patch(`/api/v1/superadmin/stores/${created.body.id}`, {}, as())).status).toBe(400);
  });

  it('deactivating a store stops its admins and tables from signing in and from using their tokens', async () => {
    const created = await t.api.post('/api/v1/superadmin/stores', { code: 'closing', name: 'Closing' }, as());
    const owner = await f.admin(created.body.id, { role: 'owner' });
    const table = await f.table(created.body.id, { number: 4, password: '4444' });
    const adminCreds = { storeCode: 'closing', username: owner.username, password: owner.password };
    const tableCreds = { storeCode: 'closing', tableNumber: 4, password: '4444' };
    expect((await t.api.post('/api/v1/auth/admin/login', adminCreds)).status).toBe(200);

    const off = await t.api.patch(`/api/v1/superadmin/stores/${created.body.id}`, { isActive: false }, as());
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    expect((await t.api.post('/api/v1/auth/admin/login', adminCreds)).status).toBe(403);
    expect((await t.api.post('/api/v1/auth/table/login', tableCreds)).status).toBe(403);
    expect((await t.api.get('/api/v1/admin/users', { token: owner.token })).status).toBe(401);
    expect((await t.api.get('/api/v1/admin/users', { token: table.token })).status).toBe(401);

    await t.api.patch(`/api/v1/superadmin/stores/${created.body.id}`, { isActive: true }, as());
    expect((await t.api.post('/api/v1/auth/admin/login', adminCreds)).status).toBe(200);
  });

  it('is for the super-admin only', async () => {
    const w = await f.world({ tables: 1 });
    for (const token of [w.owner.token, w.manager.token, w.table1.token]) {
      expect((await t.api.get('/api/v1/superadmin/stores', { token })).status).toBe(403);
      expect((await t.api.post('/api/v1/superadmin/stores', { code: 'nope', name: 'Nope' }, { token })).status).toBe(
        403,
      );
      expect((await t.api.get(`/api/v1/superadmin/stores/${w.store.id}/admins`, { token })).status).toBe(403);
    }
    expect((await t.api.get('/api/v1/superadmin/stores')).status).toBe(401);
  });
});

describe("super-admin: a store's admins", () => {
  async function newStore(code: string) {
    const res = await t.api.post('/api/v1/superadmin/stores', { code, name: code }, as());
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it("creates, lists, renames and deletes a store's accounts without ever returning a hash", async () => {
    const storeId = await newStore('admins-crud');
    const owner = await t.api.post(
      `/api/v1/superadmin/stores/${storeId}/admins`,
      { username: 'boss', password: 'boss-password', role: 'owner' },
      as(),
    );
    expect(owner.status).toBe(201);
    expect(owner.body).toEqual({
      id: expect.any(String),
      username: 'boss',
      role: 'owner',
      storeId,
      createdAt: expect.stringMatching(/Z$/),
    });
    const manager = await t.api.post(
      `/api/v1/superadmin/stores/${storeId}/admins`,
      { username: 'floor', password: 'floor-password', role: 'manager' },
      as(),
    );
    const list = await t.api.get(`/api/v1/superadmin/stores/${storeId}/admins`, as());
    expect(list.status).toBe(200);
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual(['boss', 'floor']);
    expect(JSON.stringify(list.body)).not.toMatch(/password|\$2[aby]\$/i);

    const renamed = await t.api.patch(
      `/api/v1/superadmin/stores/${storeId}/admins/${manager.body.id}`,
      { username: 'floor-lead' },
      as(),
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body.username).toBe('floor-lead');
    expect((await t.api.delete(`/api/v1/superadmin/stores/${storeId}/admins/${manager.body.id}`, as())).status).toBe(
      204,
    );
    expect((await t.api.get(`/api/v1/superadmin/stores/${storeId}/admins`, as())).body.users).toHaveLength(1);
  });

  it('resets an admin password: the old password and old tokens stop working', async () => {
    const storeId = await newStore('reset-pw');
    const owner = await f.admin(storeId, { role: 'owner', username: 'reset-me' });
    const res = await t.api.patch(
      `/api/v1/superadmin/stores/${storeId}/admins/${owner.id}`,
      { password: 'a-new-password' },
      as(),
    );
    expect(res.status).toBe(200);
    expect((await t.api.get('/api/v1/admin/users', { token: owner.token })).status).toBe(401);
    const creds = { storeCode: 'reset-pw', username: 'reset-me' };
    expect((await t.api.post('/api/v1/auth/admin/login', { ...creds, password: owner.password })).status).toBe(401);
    expect((await t.api.post('/api/v1/auth/admin/login', { ...creds, password: 'a-new-password' })).status).toBe(200);
  });

  it('rejects duplicate usernames in one store (409) but allows the same name in another store', async () => {
    const a = await newStore('dup-user-a');
    const b = await newStore('dup-user-b');
    const body = { username: 'same-name', password: 'password-123', role: 'manager' };
    expect((await t.api.post(`/api/v1/superadmin/stores/${a}/admins`, body, as())).status).toBe(201);
    const dup = await t.api.post(`/api/v1/superadmin/stores/${a}/admins`, body, as());
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    expect((await t.api.post(`/api/v1/superadmin/stores/${b}/admins`, body, as())).status).toBe(201);
  });

  it('validates account input', async () => {
    const storeId = await newStore('bad-input');
    for (const body of [
      { username: 'ok-name', password: 'short', role: 'owner' },
      { username: 'no spaces', password: 'long-enough', role: 'owner' },
      { username: 'ok-name', password: 'long-enough', role: 'superadmin' },
      { username: 'ok-name', password: 'ü'.repeat(37), role: 'owner' },
    ]) {
      const res = await t.api.post(`/api/v1/superadmin/stores/${storeId}/admins`, body, as());
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('keeps at least one owner per store', async () => {
    const storeId = await newStore('last-owner');
    const only = await f.admin(storeId, { role: 'owner' });
    const demote = await t.api.patch(
      `/api/v1/superadmin/stores/${storeId}/admins/${only.id}`,
      { role: 'manager' },
      as(),
    );
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_OWNER');
    const del = await t.api.delete(`/api/v1/superadmin/stores/${storeId}/admins/${only.id}`, as());
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('LAST_OWNER');

    const second = await f.admin(storeId, { role: 'owner' });
    expect(
      (await t.api.patch(`/api/v1/superadmin/stores/${storeId}/admins/${only.id}`, { role: 'manager' }, as())).status,
    ).toBe(200);
    expect((await t.api.delete(`/api/v1/superadmin/stores/${storeId}/admins/${second.id}`, as())).status).toBe(409);
  });

  it('answers 404 for an unknown store and for an account of another store', async () => {
    const a = await newStore('cross-a');
    const b = await newStore('cross-b');
    const inA = await f.admin(a, { role: 'manager' });
    await f.admin(b, { role: 'owner' });
    const unknown = randomUUID();
    expect((await t.api.get(`/api/v1/superadmin/stores/${unknown}/admins`, as())).status).toBe(404);
    expect(
      (
        await t.api.post(
          `/api/v1/superadmin/stores/${unknown}/admins`,
          { username: 'x-user', password: 'password-1', role: 'owner' },
          as(),
        )
      ).status,
    ).toBe(404);
    expect(
      (await t.api.patch(`/api/v1/superadmin/stores/${b}/admins/${inA.id}`, { username: 'moved' }, as())).status,
    ).toBe(404);
    expect((await t.api.delete(`/api/v1/superadmin/stores/${b}/admins/${inA.id}`, as())).status).toBe(404);
    // The super-admin account itself is no store's admin.
    expect((await t.api.delete(`/api/v1/superadmin/stores/${a}/admins/${root.id}`, as())).status).toBe(404);
    const still = await t.api.get(`/api/v1/superadmin/stores/${a}/admins`, as());
    expect(still.body.users.map((u: { username: string }) => u.username)).toEqual([inA.username]);
  });
});
