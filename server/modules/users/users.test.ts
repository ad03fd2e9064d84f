import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { admins } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

describe('owner: the store accounts', () => {
  it('lists, creates, updates and deletes accounts of the own store', async () => {
    const w = await f.world({ tables: 1 });
    const token = w.owner.token;
    const list = await t.api.get('/api/v1/admin/users', { token });
    expect(list.status).toBe(200);
    expect(list.body.users).toHaveLength(2);
    expect(list.body.users).toContainEqual({
      id: w.manager.id,
      username: w.manager.username,
      role: 'manager',
      storeId: w.store.id,
      createdAt: expect.stringMatching(/Z$/),
    });

    const created = await t.api.post(
      '/api/v1/admin/users',
      { username: 'new.hire', password: 'first-day-pw', role: 'manager' },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'new.hire', role: 'manager', storeId: w.store.id });
    const login = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: w.store.code,
      username: 'new.hire',
      password: 'first-day-pw',
    });
    expect(login.status).toBe(200);

    const promoted = await t.api.patch(`/api/v1/admin/users/${created.body.id}`, { role: 'owner' }, { token });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('owner');
    // The role comes from the account on every request: the promoted manager may now manage users.
    expect((await t.api.get('/api/v1/admin/users', { token: login.body.token })).status).toBe(200);

    expect((await t.api.delete(`/api/v1/admin/users/${created.body.id}`, { token })).status).toBe(204);
    const after = await t.api.get('/api/v1/admin/users', { token });
    expect(after.body.users.map((u: { id: string }) => u.id)).not.toContain(created.body.id);
    expect(JSON.stringify(after.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it('answers 403 to a manager and to a table', async () => {
    const w = await f.world({ tables: 1 });
    for (const token of [w.manager.token, w.table1.token]) {
      expect((await t.api.get('/api/v1/admin/users', { token })).status).toBe(403);
      const post = await t.api.post(
        '/api/v1/admin/users',
        { username: 'sneaky', password: 'sneaky-password', role: 'owner' },
        { token },
      );
      expect(post.status).toBe(403);
      expect(post.body.error.code).toBe('FORBIDDEN');
      expect((await t.api.patch(`/api/v1/admin/users/${w.owner.id}`, { role: 'manager' }, { token })).status).toBe(403);
      expect((await t.api.delete(`/api/v1/admin/users/${w.owner.id}`, { token })).status).toBe(403);
    }
    const [row] = await t.app.db.select().from(admins).where(eq(admins.username, 'sneaky'));
    expect(row).toBeUndefined();
  });

  it('answers 409 DUPLICATE for a username already used in the store', async () => {
    const w = await f.world({ tables: 1 });
    const res = await t.api.post(
      '/api/v1/admin/users',
      { username: w.manager.username, password: 'password-123', role: 'manager' },
      { token: w.owner.token },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('DUPLICATE');
    const rename = await t.api.patch(
      `/api/v1/admin/users/${w.manager.id}`,
      { username: w.owner.username },
      { token: w.owner.token },
    );
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('DUPLICATE');
  });

  it('does not let an owner delete themself', async () => {
    const w = await f.world({ tables: 1 });
    await f.admin(w.store.id, { role: 'owner' });
    const res = await t.api.delete(`/api/v1/admin/users/${w.owner.id}`, { token: w.owner.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CANNOT_DELETE_SELF');
    expect((await t.api.get('/api/v1/admin/users', { token: w.owner.token })).status).toBe(200);
  });

  it('keeps at least one owner: the only owner cannot step down', async () => {
    const w = await f.world({ tables: 1 });
    const demote = await t.api.patch(
      `/api/v1/admin/users/${w.owner.id}`,
      { role: 'manager' },
      { token: w.owner.token },
    );
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_OWNER');

    const other = await f.admin(w.store.id, { role: 'owner' });
    const ok = await t.api.patch(`/api/v1/admin/users/${w.owner.id}`, { role: 'manager' }, { token: w.owner.token });
    expect(ok.status).toBe(200);
    // Now a manager, the former owner is refused at once.
    expect((await t.api.get('/api/v1/admin/users', { token: w.owner.token })).status).toBe(403);
    const last = await t.api.patch(`/api/v1/admin/users/${other.id}`, { role: 'manager' }, { token: other.token });
    expect(last.status).toBe(409);
  });

  it('never leaves a store without an owner when two owners remove each other at once', async () => {
    const s = await f.store();
    const a = await f.admin(s.id, { role: 'owner' });
    const b = await f.admin(s.id, { role: 'owner' });
    const [byA, byB] = await Promise.all([
      t.api.delete(`/api/v1/admin/users/${b.id}`, { token: a.token }),
      t.api.delete(`/api/v1/admin/users/${a.id}`, { token: b.token }),
    ]);
    const statuses = [byA.status, byB.status].sort();
    // Either one wins and the other finds itself the last owner (or already deleted: 401).
    expect(statuses[0]).toBe(204);
    expect([401, 409]).toContain(statuses[1]);
    const owners = await t.app.db.select().from(admins).where(eq(admins.storeId, s.id));
    expect(owners.filter((o) => o.role === 'owner')).toHaveLength(1);
  });

  it('never leaves a store without an owner when both owners step down at once', async () => {
    const s = await f.store();
    const a = await f.admin(s.id, { role: 'owner' });
    const b = await f.admin(s.id, { role: 'owner' });
    const results = await Promise.all([
      t.api.patch(`/api/v1/admin/users/${a.id}`, { role: 'manager' }, { token: a.token }),
      t.api.patch(`/api/v1/admin/users/${b.id}`, { role: 'manager' }, { token: b.token }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await t.app.db.select().from(admins).where(eq(admins.storeId, s.id));
    expect(rows.filter((o) => o.role === 'owner')).toHaveLength(1);
  });

  it("answers 404 for every account route given another store's account ids", async () => {
    const a = await f.world({ tables: 1 });
    const b = await f.world({ tables: 1 });
    const targets = [a.owner.id, a.manager.id, randomUUID()];
    for (const id of targets) {
      const patch = await t.api.patch(
        `/api/v1/admin/users/${id}`,
        { username: 'taken-over' },
        { token: b.owner.token },
      );
      expect(patch.status, `PATCH ${id}`).toBe(404);
      expect(patch.body.error.code).toBe('NOT_FOUND');
      const pw = await t.api.patch(`/api/v1/admin/users/${id}`, { password: 'hijacked-pw' }, { token: b.owner.token });
      expect(pw.status, `PATCH password ${id}`).toBe(404);
      const del = await t.api.delete(`/api/v1/admin/users/${id}`, { token: b.owner.token });
      expect(del.status, `DELETE ${id}`).toBe(404);
    }
    const listB = await t.api.get('/api/v1/admin/users', { token: b.owner.token });
    expect(listB.body.users.map((u: { storeId: string }) => u.storeId)).toEqual([b.store.id, b.store.id]);
    // Store A is untouched: its accounts and their tokens still work.
    expect((await t.api.get('/api/v1/admin/users', { token: a.owner.token })).body.users).toHaveLength(2);
  });

  it('rejects bad ids and bodies with 400 and changes nothing', async () => {
    const w = await f.world({ tables: 1 });
    const token = w.owner.token;
    expect((await t.api.patch('/api/v1/admin/users/not-a-uuid', { role: 'owner' }, { token })).status).toBe(400);
    expect((await t.api.patch(`/api/v1/admin/users/${w.manager.id}`, {}, { token })).status).toBe(400);
    expect((await t.api.patch(`/api/v1/admin/users/${w.manager.id}`, { role: 'superadmin' }, { token })).status).toBe(
      400,
    );
    const res = await t.api.post(
      '/api/v1/admin/users',
      { username: 'x', password: 'password-123', role: 'manager' },
      { token },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const list = await t.api.get('/api/v1/admin/users', { token });
    expect(list.body.users.find((u: { id: string }) => u.id === w.manager.id).role).toBe('manager');
  });
});
