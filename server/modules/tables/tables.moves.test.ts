import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { type SseClient, streamPool } from '../../../test/sse.js';
import { printJobs } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
const streams = streamPool();
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(async () => {
  streams.closeAll();
  await t.close();
});

type World = Awaited<ReturnType<typeof f.world>>;

const stream = (path: string, token: string): Promise<SseClient> => streams.open(`${t.url}${path}`, token);

const order = (w: World, token: string, quantity = 1, key?: string) =>
  t.api.post(
    '/api/v1/table/orders',
    { items: [{ menuId: w.kimchi.id, quantity }] },
    { token, headers: key ? { 'idempotency-key': key } : {} },
  );

const dashboardTable = async (w: World, tableId: string) => {
  const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
  return dash.body.tables.find((row: { id: string }) => row.id === tableId);
};

describe('opening a table', () => {
  it('staff open a table with its guests; the dashboard and table list show them; a second open is 409', async () => {
    const w = await f.world();
    const opened = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/open`,
      { guests: 4 },
      { token: w.manager.token },
    );
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: w.table1.id, number: 1, guests: 4 });
    expect(opened.body.sessionId).toEqual(expect.any(String));

    const again = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/open`, {}, { token: w.manager.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TABLE_HAS_OPEN_SESSION');

    expect(await dashboardTable(w, w.table1.id)).toMatchObject({
      sessionId: opened.body.sessionId,
      guests: 4,
      totalAmount: 0,
    });
    const list = await t.api.get('/api/v1/admin/tables', { token: w.manager.token });
    expect(list.body.tables[0]).toMatchObject({ sessionId: opened.body.sessionId, guests: 4 });
    expect(list.body.tables[1]).toMatchObject({ sessionId: null, guests: null });

    // The first order joins the visit staff opened.
    const first = await order(w, w.table1.token);
    expect(first.body.sessionId).toBe(opened.body.sessionId);
  });

  it('the tablet opens its table; bad guest counts are 400; other stores’ tables are 404', async () => {
    const w = await f.world();
    const other = await f.world();
    const opened = await t.api.post('/api/v1/table/open', { guests: 2 }, { token: w.table1.token });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ tableId: w.table1.id, guests: 2 });
    const again = await t.api.post('/api/v1/table/open', {}, { token: w.table1.token });
    expect(again.body.error.code).toBe('TABLE_HAS_OPEN_SESSION');

    for (const guests of [0, 100, 1.5, '3']) {
      const bad = await t.api.post(`/api/v1/admin/tables/${w.table2.id}/open`, { guests }, { token: w.manager.token });
      expect(bad.status).toBe(400);
    }
    const foreign = await t.api.post(`/api/v1/admin/tables/${other.table1.id}/open`, {}, { token: w.manager.token });
    expect(foreign.status).toBe(404);
    expect((await dashboardTable(other, other.table1.id)).sessionId).toBeNull();
  });

  it('the idle timeout counts from the opening when nothing was ordered', async () => {
    const w = await f.world();
    const opened = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/open`, {}, { token: w.manager.token });
    t.clock.advance((t.app.config.sessionLastOrderTimeoutHours * 60 + 1) * 60_000);
    expect(await t.app.services.sessions.sweep()).toMatchObject({ closed: expect.any(Number) });
    const table = await dashboardTable(w, w.table1.id);
    expect(table.sessionId).toBeNull();
    const { visits } = (await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, { token: w.manager.token }))
      .body;
    expect(visits.find((v: { sessionId: string }) => v.sessionId === opened.body.sessionId)).toMatchObject({
      closeReason: 'idle',
    });
  });
});

describe('staff orders', () => {
  it('staff order for a table: source staff, opens a visit, Idempotency-Key replays it', async () => {
    const w = await f.world();
    const key = `staff-${randomUUID()}`;
    const body = { items: [{ menuId: w.bulgogi.id, quantity: 2 }], note: '포장' };
    const made = await t.api.post(`/api/v1/admin/tables/${w.table2.id}/orders`, body, {
      token: w.manager.token,
      headers: { 'idempotency-key': key },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ source: 'staff', tableId: w.table2.id, totalAmount: 30_000, note: '포장' });
    const replay = await t.api.post(`/api/v1/admin/tables/${w.table2.id}/orders`, body, {
      token: w.manager.token,
      headers: { 'idempotency-key': key },
    });
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(made.body.id);
    const reused = await t.api.post(
      `/api/v1/admin/tables/${w.table2.id}/orders`,
      { items: [{ menuId: w.kimchi.id, quantity: 1 }] },
      { token: w.manager.token, headers: { 'idempotency-key': key } },
    );
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const sold = await t.api.post(
      `/api/v1/admin/tables/${w.table2.id}/orders`,
      { items: [{ menuId: w.soldOut.id, quantity: 1 }] },
      { token: w.manager.token },
    );
    expect(sold.status).toBe(409);
    const tablet = await t.api.get('/api/v1/table/orders', { token: w.table2.token });
    expect(tablet.body.orders.map((o: { id: string }) => o.id)).toEqual([made.body.id]);
  });

  it('refuses another store’s table (404), tablets (403) and shared-cart checkouts (400)', async () => {
    const w = await f.world();
    const other = await f.world();
    const body = { items: [{ menuId: w.kimchi.id, quantity: 1 }] };
    const foreign = await t.api.post(`/api/v1/admin/tables/${other.table1.id}/orders`, body, {
      token: w.manager.token,
    });
    expect(foreign.status).toBe(404);
    const tablet = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/orders`, body, { token: w.table1.token });
    expect(tablet.status).toBe(403);
    const cart = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/orders`,
      { ...body, cartVersion: 0 },
      { token: w.manager.token },
    );
    expect(cart.status).toBe(400);
    expect((await dashboardTable(other, other.table1.id)).sessionId).toBeNull();
  });
});

describe('moving an order', () => {
  it('the order joins the target’s visit (opened if none) with its id and number; nothing prints again', async () => {
    const w = await f.world();
    const admin = await stream('/api/v1/admin/stream', w.manager.token);
    const tablet1 = await stream('/api/v1/table/stream', w.table1.token);
    const tablet2 = await stream('/api/v1/table/stream', w.table2.token);
    const a = await order(w, w.table1.token, 1);
    const b = await order(w, w.table1.token, 2);
    const jobsBefore = await t.app.db.select().from(printJobs).where(eq(printJobs.storeId, w.store.id));

    const moved = await t.api.post(
      `/api/v1/admin/orders/${b.body.id}/move`,
      { tableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: b.body.id, orderNo: b.body.orderNo, tableId: w.table2.id, tableNumber: 2 });
    expect(moved.body.sessionId).not.toBe(a.body.sessionId);

    expect((await dashboardTable(w, w.table1.id)).totalAmount).toBe(9_000);
    expect((await dashboardTable(w, w.table2.id)).totalAmount).toBe(18_000);
    const jobsAfter = await t.app.db.select().from(printJobs).where(eq(printJobs.storeId, w.store.id));
    expect(jobsAfter).toHaveLength(jobsBefore.length);

    for (const client of [admin, tablet1, tablet2]) {
      await client.waitUntil(() => client.of('order.moved').length === 1, 2_000, 'order.moved');
      expect(client.of('order.moved')[0]!.data).toEqual({ order: moved.body, fromTableId: w.table1.id });
    }

    // Back to a table that has a visit: it joins that one.
    const back = await t.api.post(
      `/api/v1/admin/orders/${b.body.id}/move`,
      { tableId: w.table1.id },
      { token: w.manager.token },
    );
    expect(back.body.sessionId).toBe(a.body.sessionId);

    const same = await t.api.post(
      `/api/v1/admin/orders/${b.body.id}/move`,
      { tableId: w.table1.id },
      { token: w.manager.token },
    );
    expect(same.status).toBe(400);
    const other = await f.world();
    const foreign = await t.api.post(
      `/api/v1/admin/orders/${b.body.id}/move`,
      { tableId: other.table1.id },
      { token: w.manager.token },
    );
    expect(foreign.status).toBe(404);
    const foreignOrder = await t.api.post(
      `/api/v1/admin/orders/${b.body.id}/move`,
      { tableId: other.table2.id },
      { token: other.manager.token },
    );
    expect(foreignOrder.status).toBe(404);
  });
});

describe('moving a table (자리 이동)', () => {
  it('carries orders, payments, the open call, the cart and guests’ phones; both tablets hear it', async () => {
    const w = await f.world({ tables: 3 });
    const key = `move-${randomUUID()}`;
    const first = await order(w, w.table1.token, 1, key);
    await order(w, w.table1.token, 2);
    await order(w, w.table1.token, 3);
    const sessionId = first.body.sessionId;
    const paid = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/payments`,
      { method: 'cash', amount: 10_000 },
      { token: w.manager.token },
    );
    expect(paid.status).toBe(201);
    const call = await t.api.post('/api/v1/table/calls', { note: '물 주세요' }, { token: w.table1.token });
    expect(call.status).toBe(201);
    const cart = await t.api.post(
      '/api/v1/table/cart/items',
      { menuId: w.bulgogi.id, quantity: 1 },
      { token: w.table1.token },
    );
    expect(cart.status).toBe(200);
    const admin = await stream('/api/v1/admin/stream', w.manager.token);
    const tablet1 = await stream('/api/v1/table/stream', w.table1.token);
    const tablet2 = await stream('/api/v1/table/stream', w.table2.token);

    const moved = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/move`,
      { toTableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: w.table2.id, sessionId });

    const at2 = await t.api.get('/api/v1/table/orders', { token: w.table2.token });
    expect(at2.body.sessionId).toBe(sessionId);
    expect(at2.body.orders).toHaveLength(3);
    expect(
      at2.body.orders.every(
        (o: { tableId: string; tableNumber: number }) => o.tableId === w.table2.id && o.tableNumber === 2,
      ),
    ).toBe(true);
    expect(at2.body.totalAmount).toBe(54_000);
    const at1 = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(at1.body).toEqual({ sessionId: null, totalAmount: 0, orders: [] });

    const bill = await t.api.get(`/api/v1/admin/tables/${w.table2.id}/bill`, { token: w.manager.token });
    expect(bill.body).toMatchObject({ sessionId, totalAmount: 54_000, paidAmount: 10_000, dueAmount: 44_000 });
    const calls = await t.api.get('/api/v1/table/calls', { token: w.table2.token });
    expect(calls.body.calls).toMatchObject([
      { id: call.body.id, tableId: w.table2.id, tableNumber: 2, status: 'open' },
    ]);
    const carts2 = await t.api.get('/api/v1/table/cart', { token: w.table2.token });
    expect(carts2.body.items.map((i: { menuId: string }) => i.menuId)).toEqual([w.bulgogi.id]);
    const carts1 = await t.api.get('/api/v1/table/cart', { token: w.table1.token });
    expect(carts1.body.items).toEqual([]);

    // A replayed key from the old table's tablet answers its order where it is now.
    const replay = await order(w, w.table1.token, 1, key);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ id: first.body.id, tableId: w.table2.id });

    for (const client of [admin, tablet1, tablet2]) {
      await client.waitUntil(() => client.of('session.moved').length === 1, 2_000, 'session.moved');
      expect(client.of('session.moved')[0]!.data).toEqual({
        sessionId,
        fromTableId: w.table1.id,
        toTableId: w.table2.id,
      });
    }
    const history = await t.api.get(`/api/v1/admin/tables/${w.table2.id}/history`, { token: w.manager.token });
    expect(history.status).toBe(200);

    // Refusals: the target is taken, the source is empty, the same table, another store's table.
    const taken = await order(w, w.table3.token, 1);
    expect(taken.status).toBe(201);
    const busy = await t.api.post(
      `/api/v1/admin/tables/${w.table2.id}/move`,
      { toTableId: w.table3.id },
      { token: w.manager.token },
    );
    expect(busy.body.error.code).toBe('TABLE_HAS_OPEN_SESSION');
    const empty = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/move`,
      { toTableId: w.table3.id },
      { token: w.manager.token },
    );
    expect(empty.body.error.code).toBe('NO_OPEN_SESSION');
    const self = await t.api.post(
      `/api/v1/admin/tables/${w.table2.id}/move`,
      { toTableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(self.status).toBe(400);
    const other = await f.world();
    const foreign = await t.api.post(
      `/api/v1/admin/tables/${w.table2.id}/move`,
      { toTableId: other.table1.id },
      { token: w.manager.token },
    );
    expect(foreign.status).toBe(404);
    expect((await dashboardTable(w, w.table2.id)).sessionId).toBe(sessionId);
  });
});

describe('merging tables (합석)', () => {
  it('joins the other visit’s orders, payments and guests; it ends as merged; history tells it', async () => {
    const w = await f.world({ tables: 3 });
    await t.api.post(`/api/v1/admin/tables/${w.table1.id}/open`, { guests: 2 }, { token: w.manager.token });
    await t.api.post(`/api/v1/admin/tables/${w.table2.id}/open`, { guests: 3 }, { token: w.manager.token });
    const a = await order(w, w.table1.token, 1);
    const b = await order(w, w.table2.token, 2);
    const pay = await t.api.post(
      `/api/v1/admin/tables/${w.table2.id}/payments`,
      { method: 'card', amount: 5_000 },
      { token: w.manager.token },
    );
    const admin = await stream('/api/v1/admin/stream', w.manager.token);
    const tablet2 = await stream('/api/v1/table/stream', w.table2.token);

    const merged = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/merge`,
      { fromTableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: w.table1.id, sessionId: a.body.sessionId, guests: 5 });

    const bill = await t.api.get('/api/v1/table/bill', { token: w.table1.token });
    expect(bill.body).toMatchObject({ totalAmount: 27_000, paidAmount: 5_000, dueAmount: 22_000 });
    expect(bill.body.payments).toEqual([{ ...pay.body, sessionId: a.body.sessionId, createdBy: null }]);
    const orders1 = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(orders1.body.orders.map((o: { id: string }) => o.id)).toEqual([a.body.id, b.body.id]);
    expect((await dashboardTable(w, w.table2.id)).sessionId).toBeNull();

    for (const client of [admin, tablet2]) {
      await client.waitUntil(() => client.of('session.ended').length === 1, 2_000, 'session.ended');
      const types = client.of('session.merged', 'session.ended');
      expect(types.map((m) => m.type)).toEqual(['session.merged', 'session.ended']);
      expect(types[0]!.data).toEqual({
        sessionId: a.body.sessionId,
        fromSessionId: b.body.sessionId,
        fromTableId: w.table2.id,
        intoTableId: w.table1.id,
      });
      expect(types[1]!.data).toEqual({ tableId: w.table2.id, sessionId: b.body.sessionId, reason: 'merged' });
    }

    const history = await t.api.get(`/api/v1/admin/tables/${w.table2.id}/history`, { token: w.manager.token });
    const visit = history.body.visits.find((v: { sessionId: string }) => v.sessionId === b.body.sessionId);
    expect(visit).toMatchObject({ closeReason: 'merged', mergedIntoSessionId: a.body.sessionId, closedWithDue: false });
    expect(visit.log.map((l: { kind: string }) => l.kind)).toEqual(['opened', 'payment', 'merged', 'closed']);

    // Merging into a closed table opens it; an empty source is 409.
    const again = await t.api.post(
      `/api/v1/admin/tables/${w.table3.id}/merge`,
      { fromTableId: w.table1.id },
      { token: w.manager.token },
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: w.table3.id, guests: 5 });
    const none = await t.api.post(
      `/api/v1/admin/tables/${w.table3.id}/merge`,
      { fromTableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(none.body.error.code).toBe('NO_OPEN_SESSION');
    const at3 = await t.api.get(`/api/v1/admin/tables/${w.table3.id}/bill`, { token: w.manager.token });
    expect(at3.body).toMatchObject({ totalAmount: 27_000, paidAmount: 5_000 });
  });

  it('two open calls become one at the table that stays; the other is marked done by who merged', async () => {
    const w = await f.world();
    await order(w, w.table1.token, 1);
    await order(w, w.table2.token, 1);
    const mine = await t.api.post('/api/v1/table/calls', { note: '물 주세요' }, { token: w.table1.token });
    const theirs = await t.api.post('/api/v1/table/calls', { note: '앞접시' }, { token: w.table2.token });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const merged = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/merge`,
      { fromTableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(merged.status).toBe(200);
    const open = await t.api.get('/api/v1/admin/calls?status=open', { token: w.manager.token });
    expect(open.body.calls).toMatchObject([
      { id: mine.body.id, tableId: w.table1.id, note: '물 주세요 / 앞접시', pressCount: 2 },
    ]);
    const done = await t.api.get('/api/v1/admin/calls?status=done', { token: w.manager.token });
    expect(done.body.calls).toMatchObject([
      { id: theirs.body.id, status: 'done', doneBy: { adminId: w.manager.id, username: w.manager.username } },
    ]);
  });

  it('guests’ phones follow their visit into the merge', async () => {
    const w = await f.world();
    expect(
      (await t.api.patch('/api/v1/admin/settings', { guestOrdering: 'any-table' }, { token: w.owner.token })).status,
    ).toBe(200);
    const qr = await t.api.get(`/api/v1/admin/tables/${w.table2.id}/qr`, { token: w.manager.token });
    const login = await t.api.post('/api/v1/auth/guest/login', { code: qr.body.code });
    expect(login.status).toBe(200);
    const guest = login.body.token as string;
    await order(w, w.table1.token, 1);
    const merged = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/merge`,
      { fromTableId: w.table2.id },
      { token: w.manager.token },
    );
    expect(merged.status).toBe(200);
    const mine = await t.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: w.kimchi.id, quantity: 1 }] },
      { token: guest },
    );
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ tableId: w.table1.id, sessionId: merged.body.sessionId, source: 'guest' });
  });
});
