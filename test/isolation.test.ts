import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printJobs } from '../server/db/schema/index.js';
import { documentedRoutes, startTestApp, type TestApp } from './app.js';
import { factories, samplePng, uploadForm } from './factories.js';

/**
 * Tenant isolation, swept over every staff route the app registers: a token of store B given any
 * of store A's ids must answer 404 (never 403, never 2xx) and change nothing. A route whose id
 * parameter this file does not know fails the sweep, so new routes cannot slip past it. Routes are
 * read from the OpenAPI document, which lists every route the app registers with a schema.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;
let routes: Array<{ method: string; url: string }> = [];

beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
  routes = await documentedRoutes(t);
});
afterAll(() => t.close());

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld() {
  const a = await f.world({ tables: 2 });
  const b = await f.world({ tables: 2 });
  const order = await f.order(a.table1, [{ menuId: a.kimchi.id, quantity: 2 }]);
  const reasons = await t.api.get('/api/v1/admin/call-reasons', { token: a.owner.token });
  const reasonIds: string[] = reasons.body.reasons.map((r: { id: string }) => r.id);
  const call = await t.api.post('/api/v1/table/calls', { reasonIds: reasonIds.slice(0, 1) }, { token: a.table1.token });
  if (call.status !== 201) throw new Error(`call answered ${call.status}`);

  const [printJob] = await t.app.db.select().from(printJobs).where(eq(printJobs.orderId, order.id));
  if (!printJob) throw new Error('the order queued no ticket');
  const payment = await t.api.post(
    `/api/v1/admin/tables/${a.table1.id}/payments`,
    { method: 'cash', amount: 1_000 },
    { token: a.manager.token },
  );
  if (payment.status !== 201) throw new Error(`payment answered ${payment.status}`);
  const group = await t.api.post(
    '/api/v1/admin/option-groups',
    { name: '맵기', minSelect: 1, options: [{ name: '순한맛' }, { name: '매운맛' }] },
    { token: a.owner.token },
  );
  if (group.status !== 201) throw new Error(`option group answered ${group.status}`);
  return {
    a,
    b,
    order,
    printJob,
    call: call.body as { id: string },
    payment: payment.body as { id: string },
    reasonIds,
    optionGroup: group.body as { id: string },
  };
}

/** Which of store A's ids each staff route's `:id` stands for. */
function idFor(url: string, w: World): string {
  const resource = url.replace('/api/v1/admin/', '').split('/')[0];
  switch (resource) {
    case 'orders':
      return w.order.id;
    case 'tables':
      return w.a.table1.id;
    case 'categories':
      return w.a.category.id;
    case 'menus':
      return w.a.kimchi.id;
    case 'users':
      return w.a.manager.id;
    case 'stations':
      return w.a.store.stationId;
    case 'print-jobs':
      return w.printJob.id;
    case 'calls':
      return w.call.id;
    case 'payments':
      return w.payment.id;
    case 'option-groups':
      return w.optionGroup.id;
    default:
      throw new Error(`the isolation sweep does not know the id of ${url}: add it here`);
  }
}

/** A body that passes validation, so the answer is about ownership, not about the input. */
function bodyFor(method: string, url: string, w: World): unknown {
  if (method === 'GET') return undefined;
  if (url.endsWith('/image')) return uploadForm(samplePng(), 'dish.png', 'image/png');
  if (method === 'DELETE' || url.endsWith('/end-session') || url.endsWith('/done')) return undefined;
  if (url.endsWith('/bump')) return { stationId: w.a.store.stationId };
  if (url.endsWith('/print')) return { stationId: w.a.store.stationId };
  // Table operations name store B's own things: only store A's id in the path is foreign.
  if (url.endsWith('/void-items')) return { items: [{ itemId: w.order.items[0]?.id, quantity: 1 }] };
  if (url === '/api/v1/admin/orders/:id/move') return { tableId: w.b.table1.id };
  if (url.endsWith('/tables/:id/move')) return { toTableId: w.b.table2.id };
  if (url.endsWith('/tables/:id/merge')) return { fromTableId: w.b.table2.id };
  if (url.endsWith('/tables/:id/open')) return { guests: 2 };
  if (url.endsWith('/tables/:id/orders')) return { items: [{ menuId: w.b.kimchi.id, quantity: 1 }] };
  if (url.endsWith('/tables/:id/payments')) return { method: 'card', amount: 1_000 };
  if (url.startsWith('/api/v1/admin/orders/')) return { status: 'preparing' };
  if (url.endsWith('/printer-status')) return { online: false, error: 'taken over' };
  if (url.startsWith('/api/v1/admin/stations/')) return { name: 'taken over', printer: { host: '10.9.9.9' } };
  if (url.startsWith('/api/v1/admin/print-jobs/')) return { agentId: 'intruder' };
  if (url.startsWith('/api/v1/admin/tables/')) return { password: 'taken-over' };
  if (url.startsWith('/api/v1/admin/categories/')) return { name: 'taken over' };
  if (url.startsWith('/api/v1/admin/option-groups/')) return { name: 'taken over', options: [{ name: 'x' }] };
  if (url.startsWith('/api/v1/admin/menus/')) return { name: 'taken over', price: 1 };
  if (url.startsWith('/api/v1/admin/users/')) return { password: 'taken-over-1' };
  throw new Error(`no body for ${method} ${url}: add one here (${w.a.store.code})`);
}

async function snapshotOfA(w: World) {
  const token = w.a.owner.token;
  const [dashboard, tables, categories, menus, users, history, stations, jobs, calls, callReasons, optionGroups, bill] =
    await Promise.all([
      t.api.get('/api/v1/admin/dashboard', { token }),
      t.api.get('/api/v1/admin/tables', { token }),
      t.api.get('/api/v1/admin/categories', { token }),
      t.api.get('/api/v1/admin/menus', { token }),
      t.api.get('/api/v1/admin/users', { token }),
      t.api.get(`/api/v1/admin/tables/${w.a.table1.id}/history`, { token }),
      t.api.get('/api/v1/admin/stations', { token }),
      t.app.db.select().from(printJobs).where(eq(printJobs.storeId, w.a.store.id)),
      t.api.get('/api/v1/admin/calls', { token }),
      t.api.get('/api/v1/admin/call-reasons', { token }),
      t.api.get('/api/v1/admin/option-groups', { token }),
      t.api.get(`/api/v1/admin/tables/${w.a.table1.id}/bill`, { token }),
    ]);
  for (const res of [
    dashboard,
    tables,
    categories,
    menus,
    users,
    history,
    stations,
    calls,
    callReasons,
    optionGroups,
    bill,
  ]) {
    expect(res.status).toBe(200);
  }
  return {
    calls: calls.body,
    callReasons: callReasons.body,
    bill: bill.body,
    optionGroups: optionGroups.body,
    dashboard: dashboard.body,
    tables: tables.body,
    categories: categories.body,
    menus: menus.body,
    users: users.body,
    history: history.body,
    stations: stations.body,
    jobs,
  };
}

describe('tenant isolation', () => {
  it('answers 404 on every staff route with an id when store B asks about store A', async () => {
    const w = await buildWorld();
    const before = await snapshotOfA(w);
    const withId = routes.filter((r) => r.url.startsWith('/api/v1/admin/') && r.url.includes(':'));
    // The sweep is only worth something if it covers the modules: orders, tables, menus, users, kitchen, calls.
    for (const prefix of ['orders', 'tables', 'categories', 'menus', 'users', 'stations', 'print-jobs', 'calls']) {
      expect(withId.some((r) => r.url.startsWith(`/api/v1/admin/${prefix}/`))).toBe(true);
    }

    const answers: string[] = [];
    for (const route of withId) {
      const path = route.url.replace(':id', idFor(route.url, w));
      for (const token of [w.b.owner.token, w.b.manager.token]) {
        const res = await t.api.request(route.method, path, bodyFor(route.method, route.url, w), { token });
        answers.push(`${route.method} ${route.url} → ${res.status}`);
        // A manager of store B may meet 403 on owner-only routes before ownership is checked;
        // what matters is that nothing of store A is revealed or changed.
        const allowed = token === w.b.manager.token && route.url.startsWith('/api/v1/admin/users') ? [403, 404] : [404];
        expect(allowed, `${route.method} ${route.url}`).toContain(res.status);
        if (res.status === 404) expect(res.body.error.code).toBe('NOT_FOUND');
      }
    }
    expect(answers.length).toBeGreaterThanOrEqual(2 * 10);
    expect(await snapshotOfA(w)).toEqual(before);
  });

  it("answers store B naming store A's call presets like unknown ones, changing nothing of A's", async () => {
    const w = await buildWorld();
    const before = await snapshotOfA(w);
    const res = await t.api.put(
      '/api/v1/admin/call-reasons',
      { reasons: w.reasonIds.map((id) => ({ id, label: 'taken over' })).slice(0, 1) },
      { token: w.b.owner.token },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([
      { path: 'body.reasons.0.id', message: 'no such call reason in this store' },
    ]);
    const call = await t.api.post(
      '/api/v1/table/calls',
      { reasonIds: w.reasonIds.slice(0, 1) },
      { token: w.b.table1.token },
    );
    expect(call.status).toBe(400);
    expect(await snapshotOfA(w)).toEqual(before);
  });

  it("never lists store A's data to store B", async () => {
    const w = await buildWorld();
    const aIds = [
      w.order.id,
      ...w.a.tables.map((x) => x.id),
      w.a.category.id,
      ...w.a.menus.map((m) => m.id),
      w.a.owner.id,
      w.a.manager.id,
      w.a.store.stationId,
      w.printJob.id,
      w.call.id,
      ...w.reasonIds,
    ];
    const lists = routes.filter(
      (r) =>
        r.method === 'GET' && r.url.startsWith('/api/v1/admin/') && !r.url.includes(':') && !r.url.endsWith('/stream'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(5);
    for (const route of lists) {
      const res = await t.api.get(route.url, { token: w.b.owner.token });
      expect(res.status, route.url).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of aIds) expect(text, `${route.url} leaks ${id}`).not.toContain(id);
    }
  });

  it("keeps the sales of store A out of store B's report and export", async () => {
    const w = await buildWorld();
    // The order is today's in A: A's own report and export show it, so their absence in B's means something.
    const mine = await t.api.get('/api/v1/admin/reports/sales', { token: w.a.owner.token });
    expect(mine.body.totals.orders).toBe(1);
    expect(JSON.stringify(mine.body)).toContain(w.a.kimchi.id);
    const theirs = await t.api.get('/api/v1/admin/reports/sales', { token: w.b.owner.token });
    expect(theirs.status).toBe(200);
    expect(theirs.body.totals).toEqual({ orders: 0, salesAmount: 0, sessions: 0, guests: 0, averageOrderAmount: 0 });
    expect(theirs.body.topMenus).toEqual([]);
    const csvA = await t.api.get<string>('/api/v1/admin/reports/sales.csv', { token: w.a.owner.token });
    expect(csvA.body).toContain(`,${w.order.orderNo},김치찌개,`);
    const csvB = await t.api.get<string>('/api/v1/admin/reports/sales.csv', { token: w.b.owner.token });
    expect(csvB.status).toBe(200);
    expect(csvB.body.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it("keeps a table to its own orders and calls: another table's token sees none of them", async () => {
    const w = await buildWorld();
    const myCalls = await t.api.get('/api/v1/table/calls', { token: w.a.table1.token });
    expect(myCalls.body.calls.map((c: { id: string }) => c.id)).toEqual([w.call.id]);
    for (const token of [w.a.table2.token, w.b.table1.token]) {
      expect((await t.api.get('/api/v1/table/calls', { token })).body).toEqual({ calls: [] });
    }
    const mine = await t.api.get('/api/v1/table/orders', { token: w.a.table1.token });
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toEqual([w.order.id]);
    const neighbour = await t.api.get('/api/v1/table/orders', { token: w.a.table2.token });
    expect(neighbour.status).toBe(200);
    expect(neighbour.body).toEqual({ sessionId: null, totalAmount: 0, orders: [] });
    const otherStore = await t.api.get('/api/v1/table/menu', { token: w.b.table1.token });
    expect(JSON.stringify(otherStore.body)).not.toContain(w.a.kimchi.id);
  });

  it('refuses a table token on every staff route and a staff token on every super-admin route with 403', async () => {
    const w = await buildWorld();
    const staffRoutes = routes.filter((r) => r.url.startsWith('/api/v1/admin/'));
    for (const route of staffRoutes) {
      const path = route.url.includes(':') ? route.url.replace(':id', idFor(route.url, w)) : route.url;
      const res = await t.api.request(route.method, path, undefined, { token: w.a.table1.token });
      expect(res.status, `${route.method} ${route.url}`).toBe(403);
    }
    const superRoutes = routes.filter((r) => r.url.startsWith('/api/v1/superadmin/'));
    expect(superRoutes.length).toBeGreaterThanOrEqual(5);
    for (const route of superRoutes) {
      const path = route.url.replace(':id', w.a.store.id).replace(':adminId', w.a.owner.id);
      const res = await t.api.request(route.method, path, undefined, { token: w.a.owner.token });
      expect(res.status, `${route.method} ${route.url}`).toBe(403);
    }
  });
});
