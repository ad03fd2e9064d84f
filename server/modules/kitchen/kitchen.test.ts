import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { connectSse } from '../../../test/sse.js';
import { printJobs } from '../../db/schema/index.js';
import { NO_AGENT_REPORT } from './kitchen.stations.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const typesOf = async (storeId: string, after = 0) => (await t.app.events.readAfter(storeId, after)).map((e) => e.type);

/** A world with a second station 음료 and a drinks category routed to it (콜라 2,000). */
async function barWorld() {
  const w = await f.world({ tables: 2 });
  const token = w.owner.token;
  const bar = await t.api.post('/api/v1/admin/stations', { name: '음료' }, { token });
  expect(bar.status).toBe(201);
  const drinks = await t.api.post('/api/v1/admin/categories', { name: '음료', stationId: bar.body.id }, { token });
  expect(drinks.status).toBe(201);
  const cola = await f.menu(w.store.id, drinks.body.id, { name: '콜라', price: 2_000 });
  const kitchen = await f.admin(w.store.id, { role: 'kitchen' });
  return { ...w, barId: bar.body.id as string, drinksId: drinks.body.id as string, cola, kitchen };
}

describe('stations', () => {
  it('lists the default 주방, adds stations last, renames them and sets printers, each with station.updated', async () => {
    const w = await f.world();
    const token = w.manager.token;
    const first = await t.api.get('/api/v1/admin/stations', { token });
    expect(first.body.stations).toEqual([
      expect.objectContaining({ id: w.store.stationId, name: '주방', sortOrder: 0, printer: null, deletedAt: null }),
    ]);
    const before = (await t.app.events.latestSeq(w.store.id)) as number;
    const bar = await t.api.post(
      '/api/v1/admin/stations',
      { name: ' 바 ', printer: { host: '192.168.0.31' } },
      { token },
    );
    expect(bar.status).toBe(201);
    expect(bar.body).toMatchObject({ name: '바', sortOrder: 1, printer: { host: '192.168.0.31', port: 9100 } });
    expect(bar.body.printerStatus).toEqual({ stationId: bar.body.id, online: null, error: null, checkedAt: null });

    const dup = await t.api.post('/api/v1/admin/stations', { name: '주방' }, { token });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE');

    const renamed = await t.api.patch(
      `/api/v1/admin/stations/${bar.body.id}`,
      { name: '음료', printer: { host: 'bar-printer.local', port: 9101 } },
      { token },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '음료', printer: { host: 'bar-printer.local', port: 9101 } });
    const noPrinter = await t.api.patch(`/api/v1/admin/stations/${bar.body.id}`, { printer: null }, { token });
    expect(noPrinter.body.printer).toBeNull();

    const list = await t.api.get('/api/v1/admin/stations', { token });
    expect(list.body.stations.map((s: { name: string }) => s.name)).toEqual(['주방', '음료']);
    const events = await t.app.events.readAfter(w.store.id, before);
    expect(events.filter((e) => e.type === 'station.updated').map((e) => (e.data as any).station.name)).toEqual([
      '바',
      '음료',
      '음료',
    ]);
  });

  it('refuses bad printers and names with 400', async () => {
    const w = await f.world();
    const token = w.owner.token;
    for (const body of [
      { name: '' },
      { name: '\u202e주방' },
      { name: '바', printer: { host: 'http://x/y' } },
      { name: '바', printer: { host: '10.0.0.1', port: 70000 } },
    ]) {
      const res = await t.api.post('/api/v1/admin/stations', body, { token });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.api.get('/api/v1/admin/stations', { token })).body.stations).toHaveLength(1);
  });

  it('keeps a station a category routes to (409 STATION_IN_USE) and never deletes the last one', async () => {
    const w = await barWorld();
    const token = w.owner.token;
    const inUse = await t.api.delete(`/api/v1/admin/stations/${w.barId}`, { token });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error).toMatchObject({ code: 'STATION_IN_USE', details: { categoryIds: [w.drinksId] } });

    expect((await t.api.patch(`/api/v1/admin/categories/${w.drinksId}`, { stationId: null }, { token })).status).toBe(
      200,
    );
    const gone = await t.api.delete(`/api/v1/admin/stations/${w.barId}`, { token });
    expect(gone.status).toBe(204);
    const last = await t.api.delete(`/api/v1/admin/stations/${w.store.stationId}`, { token });
    expect(last.status).toBe(409);
    expect(last.body.error).toMatchObject({ code: 'STATION_IN_USE', details: { lastStation: true } });
    const events = await t.app.events.readAfter(w.store.id, 0);
    const deleted = events.filter((e) => e.type === 'station.updated').at(-1);
    expect((deleted?.data as { station?: unknown } | undefined)?.station).toMatchObject({
      id: w.barId,
      deletedAt: expect.any(String),
    });
    // A deleted station can no longer be routed to, nor deleted again.
    const route = await t.api.patch(`/api/v1/admin/categories/${w.drinksId}`, { stationId: w.barId }, { token });
    expect(route.status).toBe(400);
    expect(route.body.error.details.fields[0].path).toBe('body.stationId');
    expect((await t.api.delete(`/api/v1/admin/stations/${w.barId}`, { token })).status).toBe(404);
  });

  it('two stations deleted at once leave one: the last never goes', async () => {
    const w = await f.world();
    const token = w.owner.token;
    const bar = await t.api.post('/api/v1/admin/stations', { name: '바' }, { token });
    const answers = await Promise.all([
      t.api.delete(`/api/v1/admin/stations/${w.store.stationId}`, { token }),
      t.api.delete(`/api/v1/admin/stations/${bar.body.id}`, { token }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 409]);
    expect((await t.api.get('/api/v1/admin/stations', { token })).body.stations).toHaveLength(1);
  });

  it('routes a category’s dishes to its station from the next order on; unrouted ones go to the first station', async () => {
    const w = await barWorld();
    const first = await f.order(w.table1, [{ menuId: w.kimchi.id }, { menuId: w.cola.id }]);
    expect(first.items.map((i) => i.stationId)).toEqual([w.store.stationId, w.barId]);
    const token = w.owner.token;
    // 메인 goes to the bar too; the bar then comes first, so unrouted 음료 … is routed explicitly anyway.
    const routed = await t.api.patch(`/api/v1/admin/categories/${w.category.id}`, { stationId: w.barId }, { token });
    expect(routed.body.stationId).toBe(w.barId);
    const second = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    expect(second.items[0]?.stationId).toBe(w.barId);
    // Moving a station first re-routes unrouted categories.
    await t.api.patch(`/api/v1/admin/categories/${w.category.id}`, { stationId: null }, { token });
    await t.api.patch(`/api/v1/admin/stations/${w.barId}`, { sortOrder: -1 }, { token });
    const third = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    expect(third.items[0]?.stationId).toBe(w.barId);
    // Another store's station is no station here.
    const other = await f.world();
    const foreign = await t.api.post(
      '/api/v1/admin/categories',
      { name: '남의 것', stationId: other.store.stationId },
      { token },
    );
    expect(foreign.status).toBe(400);
  });
});

describe('bump', () => {
  it('marks a station’s lines done: first bump → preparing, last → completed, each with order.updated', async () => {
    const w = await barWorld();
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id, quantity: 2 }, { menuId: w.cola.id }]);
    const after = await t.app.events.latestSeq(w.store.id);
    const token = w.kitchen.token;

    const bar = await t.api.post(`/api/v1/admin/orders/${order.id}/bump`, { stationId: w.barId }, { token });
    expect(bar.status).toBe(200);
    expect(bar.body.status).toBe('preparing');
    expect(bar.body.items.map((i: { doneAt: string | null }) => i.doneAt === null)).toEqual([true, false]);

    const again = await t.api.post(`/api/v1/admin/orders/${order.id}/bump`, { stationId: w.barId }, { token });
    expect(again.body).toEqual(bar.body);

    const kitchen = await t.api.post(
      `/api/v1/admin/orders/${order.id}/bump`,
      { stationId: w.store.stationId },
      { token },
    );
    expect(kitchen.body.status).toBe('completed');
    expect(kitchen.body.items.every((i: { doneAt: string | null }) => i.doneAt !== null)).toBe(true);
    // Two changes, two events; the repeated bump changed nothing and said nothing.
    expect(await typesOf(w.store.id, after)).toEqual(['order.updated', 'order.updated']);
    const dashboard = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dashboard.body.tables[0].orders[0].status).toBe('completed');
  });

  it('counts voided lines as done', async () => {
    const w = await barWorld();
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id }, { menuId: w.cola.id }]);
    const { orderItems } = await import('../../db/schema/index.js');
    const colaLine = order.items[1];
    if (!colaLine) throw new Error('no cola line');
    await t.app.db.update(orderItems).set({ voidedQuantity: 1 }).where(eq(orderItems.id, colaLine.id));
    const res = await t.api.post(
      `/api/v1/admin/orders/${order.id}/bump`,
      { stationId: w.store.stationId },
      { token: w.kitchen.token },
    );
    expect(res.body.status).toBe('completed');
  });

  it('answers 404 for an unknown station or another store’s, and for an order no longer live', async () => {
    const w = await barWorld();
    const other = await f.world();
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const token = w.kitchen.token;
    const foreign = await t.api.post(
      `/api/v1/admin/orders/${order.id}/bump`,
      { stationId: other.store.stationId },
      { token },
    );
    expect(foreign.status).toBe(404);
    await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, {}, { token: w.manager.token });
    const archived = await t.api.post(
      `/api/v1/admin/orders/${order.id}/bump`,
      { stationId: w.store.stationId },
      { token },
    );
    expect(archived.status).toBe(404);
  });
});

describe('the kitchen role', () => {
  it('may use the display, bump, print, the queue and printer reports, and nothing else (403)', async () => {
    const w = await barWorld();
    const token = w.kitchen.token;
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const board = await t.api.get('/api/v1/admin/kitchen/orders', { token });
    expect(board.status).toBe(200);
    expect(board.body.orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await t.api.get('/api/v1/admin/stations', { token })).status).toBe(200);
    expect((await t.api.get('/api/v1/admin/print-jobs/head', { token })).status).toBe(200);
    for (const [method, path, body] of [
      ['GET', '/api/v1/admin/dashboard', undefined],
      ['GET', '/api/v1/admin/menus', undefined],
      ['PATCH', `/api/v1/admin/orders/${order.id}`, { status: 'completed' }],
      ['DELETE', `/api/v1/admin/orders/${order.id}`, undefined],
      ['POST', '/api/v1/admin/stations', { name: '바' }],
      ['PATCH', `/api/v1/admin/stations/${w.barId}`, { name: '바' }],
      ['DELETE', `/api/v1/admin/stations/${w.barId}`, undefined],
      ['GET', '/api/v1/admin/users', undefined],
      ['GET', '/api/v1/admin/tables', undefined],
    ] as const) {
      const res = await t.api.request(method, path, body, { token });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const stream = await connectSse(`${t.url}/api/v1/admin/stream`, { token });
    expect(stream.status).toBe(200);
    await f.order(w.table2, [{ menuId: w.cola.id }]);
    await stream.waitFor(1, { type: 'order.created' });
    stream.close();
  });

  it('is an account role owners give, and the last owner cannot become one', async () => {
    const w = await f.world();
    const token = w.owner.token;
    const created = await t.api.post(
      '/api/v1/admin/users',
      { username: 'kitchen-pass', password: 'kitchen-pass-1', role: 'kitchen' },
      { token },
    );
    expect(created.status).toBe(201);
    expect(created.body.role).toBe('kitchen');
    const login = await t.api.post('/api/v1/auth/admin/login', {
      storeCode: w.store.code,
      username: 'kitchen-pass',
      password: 'kitchen-pass-1',
    });
    expect(login.body.admin.role).toBe('kitchen');
    const demote = await t.api.patch(`/api/v1/admin/users/${w.owner.id}`, { role: 'kitchen' }, { token });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('LAST_OWNER');
  });
});

describe('reprint', () => {
  it('queues a reprint job per station (or one station’s) and emits print.requested', async () => {
    const w = await barWorld();
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id, quantity: 2 }, { menuId: w.cola.id }]);
    const token = w.kitchen.token;
    const all = await t.api.post(`/api/v1/admin/orders/${order.id}/print`, {}, { token });
    expect(all.body).toEqual({ queued: 2 });
    const bar = await t.api.post(`/api/v1/admin/orders/${order.id}/print`, { stationId: w.barId }, { token });
    expect(bar.body).toEqual({ queued: 1 });
    const jobs = await t.app.db.select().from(printJobs).where(eq(printJobs.orderId, order.id)).orderBy(printJobs.seq);
    expect(jobs.map((j) => [j.kind, j.stationId])).toEqual([
      ['order', w.store.stationId],
      ['order', w.barId],
      ['reprint', w.store.stationId],
      ['reprint', w.barId],
      ['reprint', w.barId],
    ]);
    const requested = (await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type === 'print.requested');
    expect(requested.map((e) => e.data)).toEqual([
      { orderId: order.id, stationId: null },
      { orderId: order.id, stationId: w.barId },
    ]);
    const other = await f.world();
    const foreign = await t.api.post(
      `/api/v1/admin/orders/${order.id}/print`,
      { stationId: other.store.stationId },
      { token },
    );
    expect(foreign.status).toBe(404);
  });
});

describe('print jobs', () => {
  const claim = (token: string, body: object) => t.api.post('/api/v1/admin/print-jobs/claim', body, { token });

  it('hands out a printer’s tickets in order with a lease; unacknowledged ones come back after it, acknowledged never', async () => {
    const w = await barWorld();
    const token = w.kitchen.token;
    const head = (await t.api.get('/api/v1/admin/print-jobs/head', { token })).body.seq;
    const a = await f.order(w.table1, [{ menuId: w.kimchi.id }, { menuId: w.cola.id }]);
    const b = await f.order(w.table2, [{ menuId: w.kimchi.id, quantity: 3 }]);

    const first = await claim(token, { agentId: 'agent-1', stationIds: [w.store.stationId], afterSeq: head });
    expect(first.status).toBe(200);
    expect(first.body.jobs.map((j: { orderId: string }) => j.orderId)).toEqual([a.id, b.id]);
    expect(first.body.jobs[1]).toMatchObject({
      kind: 'order',
      stationName: '주방',
      attempts: 1,
      timezone: 'Asia/Seoul',
      ticket: {
        tableNumber: 2,
        orderNo: b.orderNo,
        lines: [{ name: '김치찌개', quantity: 3, options: [], note: null }],
      },
    });
    // Leased: another agent gets nothing of this printer's queue meanwhile; the bar's queue is its own.
    expect((await claim(token, { agentId: 'agent-2', stationIds: [w.store.stationId] })).body.jobs).toEqual([]);
    const bar = await claim(token, { agentId: 'agent-2', stationIds: [w.barId], afterSeq: head });
    expect(bar.body.jobs.map((j: { stationName: string }) => j.stationName)).toEqual(['음료']);

    const [jobA, jobB] = first.body.jobs;
    expect(
      (await t.api.post(`/api/v1/admin/print-jobs/${jobA.id}/ack`, { agentId: 'agent-1' }, { token })).status,
    ).toBe(204);
    expect(
      (await t.api.post(`/api/v1/admin/print-jobs/${jobA.id}/ack`, { agentId: 'agent-1' }, { token })).status,
    ).toBe(204);
    // The holder may take its own lease again at once (it retries in order).
    const mine = await claim(token, { agentId: 'agent-1', stationIds: [w.store.stationId], afterSeq: head });
    expect(mine.body.jobs.map((j: { id: string; attempts: number }) => [j.id, j.attempts])).toEqual([[jobB.id, 2]]);
    // After the lease, anyone may: job B was never acknowledged; job A never comes back.
    t.clock.advance(61_000);
    const later = await claim(token, { agentId: 'agent-2', stationIds: [w.store.stationId], afterSeq: head });
    expect(later.body.jobs.map((j: { id: string }) => j.id)).toEqual([jobB.id]);
  });

  it('never gives one job to two agents claiming at once', async () => {
    const w = await barWorld();
    const token = w.kitchen.token;
    for (let i = 0; i < 6; i++) await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((agentId) => claim(token, { agentId, stationIds: [w.store.stationId], limit: 3 })),
    );
    const ids = answers.flatMap((res) => res.body.jobs.map((j: { id: string }) => j.id));
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });

  it('starts a new agent at the head and keeps another store’s jobs and stations out of reach', async () => {
    const w = await barWorld();
    const other = await barWorld();
    await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const token = w.kitchen.token;
    const head = (await t.api.get('/api/v1/admin/print-jobs/head', { token })).body.seq;
    expect(head).toBeGreaterThan(0);
    const fresh = await claim(token, { agentId: 'new', stationIds: [w.store.stationId], afterSeq: head });
    expect(fresh.body.jobs).toEqual([]);
    await f.order(other.table1, [{ menuId: other.kimchi.id }]);
    const foreign = await claim(token, { agentId: 'new', stationIds: [other.store.stationId] });
    expect(foreign.body.jobs).toEqual([]);
    const [theirs] = await t.app.db.select().from(printJobs).where(eq(printJobs.stationId, other.store.stationId));
    expect((await t.api.post(`/api/v1/admin/print-jobs/${theirs?.id}/ack`, { agentId: 'x' }, { token })).status).toBe(
      404,
    );
  });

  it('does not print a stack of old tickets when a station gets its first printer', async () => {
    const w = await barWorld();
    await f.order(w.table1, [{ menuId: w.cola.id }]);
    await t.api.patch(
      `/api/v1/admin/stations/${w.barId}`,
      { printer: { host: '127.0.0.1' } },
      { token: w.owner.token },
    );
    const next = await f.order(w.table1, [{ menuId: w.cola.id, quantity: 2 }]);
    const jobs = await claim(w.kitchen.token, { agentId: 'a', stationIds: [w.barId] });
    expect(jobs.body.jobs.map((j: { orderId: string }) => j.orderId)).toEqual([next.id]);
  });
});

describe('printer status', () => {
  it('records the agent’s reports, emits printer.updated on a change only, and marks a silent printer offline after 30 s', async () => {
    const w = await barWorld();
    const token = w.kitchen.token;
    const path = `/api/v1/admin/stations/${w.barId}/printer-status`;
    const before = await t.app.events.latestSeq(w.store.id);
    const up = await t.api.put(path, { online: true }, { token });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ stationId: w.barId, online: true, error: null, checkedAt: expect.any(String) });
    await t.api.put(path, { online: true }, { token });
    await t.api.put(path, { online: false, error: 'connect ECONNREFUSED' }, { token });
    await t.api.put(path, { online: false, error: 'connect ECONNREFUSED' }, { token });
    await t.api.put(path, { online: true }, { token });
    const events = await t.app.events.readAfter(w.store.id, before);
    expect(events.map((e) => [e.type, (e.data as any).online])).toEqual([
      ['printer.updated', true],
      ['printer.updated', false],
      ['printer.updated', true],
    ]);

    t.clock.advance(29_000);
    expect(await t.app.services.stations.markSilentPrintersOffline()).toBe(0);
    t.clock.advance(2_000);
    expect(await t.app.services.stations.markSilentPrintersOffline()).toBe(1);
    expect(await t.app.services.stations.markSilentPrintersOffline()).toBe(0);
    const station = (await t.api.get('/api/v1/admin/stations', { token })).body.stations.find(
      (s: { id: string }) => s.id === w.barId,
    );
    expect(station.printerStatus).toMatchObject({ online: false, error: NO_AGENT_REPORT });
    const last = (await t.app.events.readAfter(w.store.id, before)).at(-1);
    expect(last).toMatchObject({ type: 'printer.updated', data: { stationId: w.barId, online: false } });
  });

  it('answers 404 for another store’s station', async () => {
    const w = await barWorld();
    const other = await f.world();
    const res = await t.api.put(
      `/api/v1/admin/stations/${other.store.stationId}/printer-status`,
      { online: true },
      { token: w.kitchen.token },
    );
    expect(res.status).toBe(404);
  });
});
