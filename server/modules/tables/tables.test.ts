import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { stores } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const clock = () => t.clock;
type World = Awaited<ReturnType<typeof f.world>>;

const order = (token: string, menuId: string, quantity = 1) =>
  t.api.post('/api/v1/table/orders', { items: [{ menuId, quantity }] }, { token });
const tableLogin = (storeCode: string, tableNumber: number, password: string) =>
  t.api.post('/api/v1/auth/table/login', { storeCode, tableNumber, password });

async function eventsOf(storeId: string) {
  return t.app.events.readAfter(storeId, 0);
}

describe('table list', () => {
  it("lists the store's live tables by number with their open session", async () => {
    const w = await f.world({ tables: 3 });
    await f.world();
    const placed = await order(w.table2.token, w.kimchi.id);
    const res = await t.api.get('/api/v1/admin/tables', { token: w.manager.token });
    expect(res.status).toBe(200);
    expect(res.body.tables).toEqual([
      { id: w.table1.id, number: 1, sessionId: null, sessionStartedAt: null, guests: null },
      {
        id: w.table2.id,
        number: 2,
        sessionId: placed.body.sessionId,
        sessionStartedAt: placed.body.createdAt,
        guests: null,
      },
      { id: w.table3.id, number: 3, sessionId: null, sessionStartedAt: null, guests: null },
    ]);
  });

  it('is for staff only', async () => {
    const w = await f.world();
    expect((await t.api.get('/api/v1/admin/tables', { token: w.table1.token })).status).toBe(403);
    expect((await t.api.get('/api/v1/admin/tables')).status).toBe(401);
  });
});

describe('creating a table', () => {
  it('answers 201 with the table, which can then sign in, and emits table.updated', async () => {
    const w = await f.world();
    const res = await t.api.post(
      '/api/v1/admin/tables',
      { number: 12, password: 'pass12' },
      { token: w.manager.token },
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      number: 12,
      sessionId: null,
      sessionStartedAt: null,
      guests: null,
    });
    const login = await tableLogin(w.store.code, 12, 'pass12');
    expect(login.status).toBe(200);
    expect(login.body.table.id).toBe(res.body.id);
    const events = await eventsOf(w.store.id);
    expect(events.map((e) => [e.type, e.data])).toEqual([['table.updated', { table: res.body }]]);
  });

  it('answers 409 DUPLICATE for a number the store already has; numbers are per store', async () => {
    const w = await f.world();
    const other = await f.world();
    const dup = await t.api.post('/api/v1/admin/tables', { number: 1, password: 'abcd' }, { token: w.owner.token });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');
    const elsewhere = await t.api.post(
      '/api/v1/admin/tables',
      { number: 1, password: 'abcd' },
      { token: other.owner.token },
    );
    expect(elsewhere.status).toBe(409);
    const fresh = await t.api.post('/api/v1/admin/tables', { number: 77, password: 'abcd' }, { token: w.owner.token });
    const again = await t.api.post(
      '/api/v1/admin/tables',
      { number: 77, password: 'abcd' },
      { token: other.owner.token },
    );
    expect([fresh.status, again.status]).toEqual([201, 201]);
  });

  it('answers 400 for bad numbers and passwords', async () => {
    const w = await f.world();
    for (const body of [
      { number: 0, password: 'abcd' },
      { number: 1000, password: 'abcd' },
      { number: 2.5, password: 'abcd' },
      { number: '5', password: 'abcd' },
      { number: 5, password: 'abc' },
      { number: 5 },
      {},
    ]) {
      const res = await t.api.post('/api/v1/admin/tables', body, { token: w.owner.token });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('changing a table', () => {
  it('renumbers a table; the dashboard and its orders show the new number', async () => {
    const w = await f.world();
    await order(w.table1.token, w.kimchi.id);
    const res = await t.api.patch(`/api/v1/admin/tables/${w.table1.id}`, { number: 20 }, { token: w.owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: w.table1.id, number: 20, sessionId: expect.any(String) });
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.status).toBe(200);
    expect(read.body.orders[0].tableNumber).toBe(20);
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.owner.token });
    expect(dash.body.tables.map((x: any) => x.number)).toEqual([2, 20]);
  });

  it("revokes the tablet's tokens when the password changes", async () => {
    const w = await f.world();
    const table = w.table1;
    const res = await t.api.patch(
      `/api/v1/admin/tables/${table.id}`,
      { password: 'new-secret' },
      { token: w.manager.token },
    );
    expect(res.status).toBe(200);
    const stale = await t.api.get('/api/v1/table/orders', { token: table.token });
    expect(stale.status).toBe(401);
    expect((await tableLogin(w.store.code, table.number, table.password)).status).toBe(401);
    const login = await tableLogin(w.store.code, table.number, 'new-secret');
    expect(login.status).toBe(200);
    expect((await t.api.get('/api/v1/table/orders', { token: login.body.token })).status).toBe(200);
  });

  it('ends a lockout the tablet ran into: the new password signs in at once', async () => {
    const w = await f.world();
    const table = w.table1;
    for (let i = 0; i < 5; i++) expect((await tableLogin(w.store.code, table.number, 'wrong')).status).toBe(401);
    expect((await tableLogin(w.store.code, table.number, table.password)).status).toBe(429);
    const res = await t.api.patch(
      `/api/v1/admin/tables/${table.id}`,
      { password: 'fresh-one' },
      { token: w.owner.token },
    );
    expect(res.status).toBe(200);
    expect((await tableLogin(w.store.code, table.number, 'fresh-one')).status).toBe(200);
    // Renumbering alone leaves a lockout where it is.
    for (let i = 0; i < 5; i++) await tableLogin(w.store.code, table.number, 'wrong');
    await t.api.patch(`/api/v1/admin/tables/${table.id}`, { number: 77 }, { token: w.owner.token });
    expect((await tableLogin(w.store.code, table.number, 'fresh-one')).status).toBe(429);
  });

  it('answers 409 for a taken number, 404 for unknown and other-store tables, 400 for an empty body', async () => {
    const w = await f.world();
    const other = await f.world();
    const id = w.table1.id;
    const taken = await t.api.patch(`/api/v1/admin/tables/${id}`, { number: 2 }, { token: w.owner.token });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('DUPLICATE');
    expect((await t.api.patch(`/api/v1/admin/tables/${id}`, { number: 9 }, { token: other.owner.token })).status).toBe(
      404,
    );
    expect(
      (await t.api.patch(`/api/v1/admin/tables/${randomUUID()}`, { number: 9 }, { token: w.owner.token })).status,
    ).toBe(404);
    expect((await t.api.patch(`/api/v1/admin/tables/${id}`, {}, { token: w.owner.token })).status).toBe(400);
    const list = await t.api.get('/api/v1/admin/tables', { token: w.owner.token });
    expect(list.body.tables.map((x: any) => x.number)).toEqual([1, 2]);
  });
});

describe('deleting a table', () => {
  it('removes a table without an open session: gone from lists, token revoked, number free again', async () => {
    const w = await f.world();
    const table = w.table1;
    const res = await t.api.delete(`/api/v1/admin/tables/${table.id}`, { token: w.manager.token });
    expect(res.status).toBe(204);
    const list = await t.api.get('/api/v1/admin/tables', { token: w.manager.token });
    expect(list.body.tables.map((x: any) => x.id)).toEqual([w.table2.id]);
    expect((await t.api.get('/api/v1/table/orders', { token: table.token })).status).toBe(401);
    expect((await t.api.delete(`/api/v1/admin/tables/${table.id}`, { token: w.manager.token })).status).toBe(404);
    const again = await t.api.post('/api/v1/admin/tables', { number: 1, password: 'abcd' }, { token: w.manager.token });
    expect(again.status).toBe(201);
  });

  it('answers 409 TABLE_HAS_OPEN_SESSION while the table has an open session', async () => {
    const w = await f.world();
    const table = w.table1;
    await order(table.token, w.kimchi.id);
    const res = await t.api.delete(`/api/v1/admin/tables/${table.id}`, { token: w.manager.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('TABLE_HAS_OPEN_SESSION');
    await t.api.post(`/api/v1/admin/tables/${table.id}/end-session`, undefined, { token: w.manager.token });
    expect((await t.api.delete(`/api/v1/admin/tables/${table.id}`, { token: w.manager.token })).status).toBe(204);
    const history = await t.api.get(`/api/v1/admin/tables/${table.id}/history`, { token: w.manager.token });
    expect(history.status).toBe(200);
    expect(history.body.orders).toHaveLength(1);
  });

  it("answers 404 for another store's table", async () => {
    const w = await f.world();
    const other = await f.world();
    const res = await t.api.delete(`/api/v1/admin/tables/${w.table1.id}`, { token: other.owner.token });
    expect(res.status).toBe(404);
    expect((await t.api.get('/api/v1/admin/tables', { token: w.owner.token })).body.tables).toHaveLength(2);
  });
});

describe('ending a session', () => {
  it('archives every order of the session with its items and resets the live total', async () => {
    const w = await f.world();
    const table = w.table1;
    const a = await order(table.token, w.kimchi.id, 2);
    const b = await order(table.token, w.bulgogi.id, 1);
    await t.api.patch(`/api/v1/admin/orders/${b.body.id}`, { status: 'completed' }, { token: w.manager.token });
    await order(w.table2.token, w.bulgogi.id);
    clock().advanceMinutes(50);
    const before = (await t.app.metrics.sessionsClosed.get()).values.find((v) => v.labels.reason === 'staff')?.value;

    const res = await t.api.post(`/api/v1/admin/tables/${table.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sessionId: a.body.sessionId, archivedOrders: 2 });

    const read = await t.api.get('/api/v1/table/orders', { token: table.token });
    expect(read.body).toEqual({ sessionId: null, totalAmount: 0, orders: [] });
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dash.body.tables[0]).toMatchObject({ sessionId: null, totalAmount: 0, orders: [] });
    expect(dash.body.tables[1].orders).toHaveLength(1);

    const history = await t.api.get(`/api/v1/admin/tables/${table.id}/history`, { token: w.manager.token });
    const archivedAt = clock().now().toISOString();
    const lines = (order: { items: object[] }, doneAt: string | null) =>
      order.items.map((item) => ({ ...item, doneAt, voids: [] }));
    expect(history.body.orders).toEqual([
      {
        ...b.body,
        status: 'completed',
        items: lines(b.body, expect.any(String)),
        archivedAt,
        deletedAt: null,
        deletedBy: null,
      },
      { ...a.body, items: lines(a.body, null), archivedAt, deletedAt: null, deletedBy: null },
    ]);

    const events = await eventsOf(w.store.id);
    const ended = events.filter((e) => e.type === 'session.ended');
    expect(ended).toEqual([
      expect.objectContaining({ tableId: table.id, data: { tableId: table.id, sessionId: a.body.sessionId } }),
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'table.updated',
      data: { table: { id: table.id, number: 1, sessionId: null, sessionStartedAt: null, guests: null } },
    });
    const after = (await t.app.metrics.sessionsClosed.get()).values.find((v) => v.labels.reason === 'staff')?.value;
    expect((after ?? 0) - (before ?? 0)).toBe(1);
  });

  it('answers 409 NO_OPEN_SESSION when there is none; the next order opens a new session', async () => {
    const w = await f.world();
    const table = w.table1;
    const end = () => t.api.post(`/api/v1/admin/tables/${table.id}/end-session`, undefined, { token: w.manager.token });
    const none = await end();
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('NO_OPEN_SESSION');
    const first = await order(table.token, w.kimchi.id);
    expect((await end()).status).toBe(200);
    expect((await end()).status).toBe(409);
    const next = await order(table.token, w.kimchi.id);
    expect(next.status).toBe(201);
    expect(next.body.sessionId).not.toBe(first.body.sessionId);
  });

  it("answers 404 for another store's table and leaves it open", async () => {
    const w = await f.world();
    const other = await f.world();
    await order(w.table1.token, w.kimchi.id);
    const res = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: other.manager.token,
    });
    expect(res.status).toBe(404);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders).toHaveLength(1);
  });
});

describe('table history', () => {
  /** Orders at given instants, signing the tablet in again each time (its token may have expired). */
  async function orderAt(w: World, at: string) {
    clock().set(at);
    const table = w.table1;
    const { token } = await t.app.tokens.sign({ kind: 'table', sub: table.id, storeId: w.store.id, ver: 0 });
    const res = await order(token, w.kimchi.id);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it("filters by days of the store's time zone across the KST/UTC midnight, newest first", async () => {
    const w = await f.world();
    const c = await orderAt(w, '2026-02-28T14:59:00Z'); // 2026-02-28 23:59 KST
    const d = await orderAt(w, '2026-02-28T15:00:00Z'); // 2026-03-01 00:00 KST
    const a = await orderAt(w, '2026-03-01T14:30:00Z'); // 2026-03-01 23:30 KST, still 03-01 in Seoul
    const b = await orderAt(w, '2026-03-01T15:00:00Z'); // 2026-03-02 00:00 KST
    const end = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(end.status).toBe(200);

    const history = async (query: string) => {
      const res = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history${query}`, {
        token: w.manager.token,
      });
      expect(res.status).toBe(200);
      return res.body.orders.map((o: any) => o.id);
    };
    expect(await history('')).toEqual([b, a, d, c]);
    expect(await history('?from=2026-03-01&to=2026-03-01')).toEqual([a, d]);
    expect(await history('?from=2026-03-02')).toEqual([b]);
    expect(await history('?to=2026-02-28')).toEqual([c]);
    expect(await history('?from=2026-02-28&to=2026-03-01')).toEqual([a, d, c]);
    expect(await history('?from=2026-03-03')).toEqual([]);

    // The same orders seen from a store that keeps UTC days.
    await t.app.db.update(stores).set({ timezone: 'UTC' }).where(eq(stores.id, w.store.id));
    expect(await history('?from=2026-03-01&to=2026-03-01')).toEqual([b, a]);
    expect(await history('?to=2026-02-28')).toEqual([d, c]);
  });

  it('answers 400 for bad dates and a reversed range', async () => {
    const w = await f.world();
    for (const query of ['?from=2026-3-1', '?to=yesterday', '?from=2026-02-30', '?from=2026-03-02&to=2026-03-01']) {
      const res = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history${query}`, {
        token: w.manager.token,
      });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it("answers 404 for another store's table and for unknown tables", async () => {
    const w = await f.world();
    const other = await f.world();
    await order(w.table1.token, w.kimchi.id);
    await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, { token: w.manager.token });
    const foreign = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, {
      token: other.manager.token,
    });
    expect(foreign.status).toBe(404);
    const unknown = await t.api.get(`/api/v1/admin/tables/${randomUUID()}/history`, { token: w.manager.token });
    expect(unknown.status).toBe(404);
  });
});
