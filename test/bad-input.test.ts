import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentedRoutes, startTestApp, type TestApp } from './app.js';
import { factories } from './factories.js';

/**
 * Bad input, swept over every documented route: malformed ids, bodies of the wrong shape, broken
 * JSON, the wrong media type, oversized bodies. Each must get a 4xx in the contract's error shape —
 * never a 500, never a stack trace — and change nothing.
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

const BAD_BODIES: unknown[] = [
  null,
  [],
  'just a string',
  42,
  { items: 'x', name: 7, price: '1000', status: 'eaten', password: {}, number: -1, code: 'A B' },
  { items: [{ menuId: 'not-a-uuid', quantity: 1.5 }], name: ''.padEnd(5000, 'x'), price: 1e30 },
  { __proto__: { admin: true }, constructor: { prototype: { polluted: true } } },
];

function tokenFor(url: string, w: Awaited<ReturnType<typeof world>>): string | undefined {
  // Owner-only routes: a manager's 403 would come before the input is looked at.
  if (url.startsWith('/api/v1/admin/users') || url.startsWith('/api/v1/admin/reports')) return w.owner.token;
  if (url.startsWith('/api/v1/admin/')) return w.manager.token;
  if (url.startsWith('/api/v1/table/')) return w.table.token;
  if (url.startsWith('/api/v1/superadmin/')) return w.root.token;
  return undefined;
}

async function world() {
  const base = await f.world({ tables: 1 });
  const root = await f.superadmin();
  return { ...base, table: base.table1, root };
}

function expectErrorShape(res: { status: number; body: any }, label: string) {
  expect(res.status, label).toBeGreaterThanOrEqual(400);
  expect(res.status, label).toBeLessThan(500);
  expect(res.body?.error?.code, label).toEqual(expect.any(String));
  expect(res.body?.error?.message, label).toEqual(expect.any(String));
  expect(JSON.stringify(res.body), label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe('bad input never gets a 500', () => {
  it('answers malformed ids with 4xx on every route that takes one', async () => {
    const w = await world();
    const withParams = routes.filter((r) => r.url.includes(':') && r.url.startsWith('/api/'));
    expect(withParams.length).toBeGreaterThanOrEqual(10);
    for (const route of withParams) {
      for (const bad of [
        'not-a-uuid',
        '1',
        "'; DROP TABLE orders; --",
        '%00',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ]) {
        const path = route.url.replace(/:\w+/g, encodeURIComponent(bad));
        const res = await t.api.request(route.method, path, undefined, { token: tokenFor(route.url, w) });
        expectErrorShape(res, `${route.method} ${route.url} with id ${bad}`);
      }
    }
  });

  it('answers wrong-shaped bodies on every write route with 4xx', async () => {
    const w = await world();
    const writes = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url.startsWith('/api/'));
    expect(writes.length).toBeGreaterThanOrEqual(15);
    for (const route of writes) {
      const path = route.url
        .replace(':id', route.url.includes('/tables/') ? w.table.id : w.kimchi.id)
        .replace(':adminId', w.owner.id);
      for (const body of BAD_BODIES) {
        const res = await t.api.request(route.method, path, JSON.stringify(body), {
          token: tokenFor(route.url, w),
          headers: { 'content-type': 'application/json' },
        });
        if (res.status < 400) {
          // A few routes take no body (end-session) or treat every field as optional: then the
          // answer must still be a success that the route would give anyway, never a 500.
          expect(res.status, `${route.method} ${route.url}`).toBeLessThan(300);
          continue;
        }
        expectErrorShape(res, `${route.method} ${route.url} with ${JSON.stringify(body).slice(0, 60)}`);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers NUL characters in any string with 400 VALIDATION_FAILED naming the field, changing nothing', async () => {
    const w = await world();
    // PostgreSQL refuses the NUL byte in text; every string a client sends may carry one.
    const nul = 'a\u0000b';
    const writes = routes.filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.url.startsWith('/api/'));
    const body = {
      storeCode: nul,
      tableNumber: 1,
      username: nul,
      password: nul,
      name: nul,
      code: nul,
      timezone: nul,
      description: nul,
      role: nul,
      status: nul,
      number: 7,
      price: 1000,
      categoryId: nul,
      menuIds: [nul],
      items: [{ menuId: nul, quantity: 1 }],
    };
    for (const route of writes) {
      const path = route.url
        .replace(':id', route.url.includes('/tables/') ? w.table.id : w.kimchi.id)
        .replace(':adminId', w.owner.id);
      const label = `${route.method} ${route.url}`;
      const res = await t.api.request(route.method, path, JSON.stringify(body), {
        token: tokenFor(route.url, w),
        headers: { 'content-type': 'application/json' },
      });
      if (res.status < 400) {
        // A route that takes no body ignores it.
        expect(res.status, label).toBeLessThan(300);
        continue;
      }
      expectErrorShape(res, label);
    }

    // Each field alone, on the routes the reviewer found: 400 naming the field.
    const single = [
      ['/api/v1/auth/admin/login', { storeCode: '\u0000', username: 'x', password: 'x' }, 'body.storeCode', undefined],
      [
        '/api/v1/auth/admin/login',
        { storeCode: w.store.code, username: nul, password: 'x' },
        'body.username',
        undefined,
      ],
      ['/api/v1/auth/table/login', { storeCode: nul, tableNumber: 1, password: '1234' }, 'body.storeCode', undefined],
      ['/api/v1/auth/superadmin/login', { username: nul, password: 'x' }, 'body.username', undefined],
      ['/api/v1/admin/categories', { name: nul }, 'body.name', w.manager.token],
      ['/api/v1/admin/menus', { categoryId: w.category.id, name: nul, price: 1000 }, 'body.name', w.manager.token],
      [
        '/api/v1/admin/menus',
        { categoryId: w.category.id, name: 'ok', price: 1000, description: nul },
        'body.description',
        w.manager.token,
      ],
      ['/api/v1/superadmin/stores', { code: 'nul-store', name: nul }, 'body.name', w.root.token],
      [
        '/api/v1/admin/users',
        { username: nul, password: 'password123', role: 'manager' },
        'body.username',
        w.owner.token,
      ],
      [
        `/api/v1/superadmin/stores/${w.store.id}/admins`,
        { username: nul, password: 'password123', role: 'manager' },
        'body.username',
        w.root.token,
      ],
    ] as const;
    for (const [path, payload, field, token] of single) {
      const res = await t.api.post(path, payload, { token });
      expect(res.status, `${path} ${field}`).toBe(400);
      expect(res.body.error.code, `${path} ${field}`).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields, `${path} ${field}`).toContainEqual({
        path: field,
        message: expect.any(String),
      });
    }
    const rename = await t.api.patch(
      `/api/v1/admin/categories/${w.category.id}`,
      { name: nul },
      { token: w.manager.token },
    );
    expect(rename.status).toBe(400);
    expect(rename.body.error.details.fields).toContainEqual({ path: 'body.name', message: expect.any(String) });
    const query = await t.api.get(`/api/v1/admin/tables/${w.table.id}/history?from=%00`, { token: w.manager.token });
    expectErrorShape(query, 'history query with NUL');
    expect(query.status).toBe(400);
    // And in the query string of every reading route (streams aside: they never end).
    const reads = routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.endsWith('/stream'));
    for (const route of reads) {
      const path = route.url.replace(':id', route.url.includes('/tables/') ? w.table.id : w.store.id);
      const res = await t.api.get(`${path}?from=%00&to=a%00&categoryId=%00&q=%00`, { token: tokenFor(route.url, w) });
      expect(res.status, `GET ${route.url}`).not.toBe(500);
      if (res.status >= 400) expectErrorShape(res, `GET ${route.url} with NUL in the query`);
    }

    // Nothing changed.
    const categories = await t.api.get('/api/v1/admin/categories', { token: w.manager.token });
    expect(categories.body.categories.map((c: { name: string }) => c.name)).toEqual([w.category.name]);
    const menus = await t.api.get('/api/v1/admin/menus', { token: w.manager.token });
    expect(menus.body.menus).toHaveLength(w.menus.length);
    const users = await t.api.get('/api/v1/admin/users', { token: w.owner.token });
    expect(users.body.users).toHaveLength(2);
    const stores = await t.api.get('/api/v1/superadmin/stores', { token: w.root.token });
    expect(stores.body.stores.map((store: { code: string }) => store.code)).not.toContain('nul-store');
  });

  it('answers broken JSON, wrong media types and oversized bodies with 400/413/415', async () => {
    const w = await world();
    const post = (body: string | Uint8Array, contentType: string) =>
      t.api.request('POST', '/api/v1/admin/categories', body, {
        token: w.manager.token,
        headers: { 'content-type': contentType },
      });
    const broken = await post('{"name": "x",', 'application/json');
    expectErrorShape(broken, 'broken JSON');
    expect(broken.status).toBe(400);
    const text = await post('name=x', 'text/plain');
    expectErrorShape(text, 'text/plain');
    expect(text.status).toBe(415);
    const huge = await post(JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), 'application/json');
    expectErrorShape(huge, 'oversized body');
    expect(huge.status).toBe(413);
    const categories = await t.api.get('/api/v1/admin/categories', { token: w.manager.token });
    expect(categories.body.categories).toHaveLength(1);
  });

  it('answers bad query strings and headers with 400', async () => {
    const w = await world();
    const history = await t.api.get(`/api/v1/admin/tables/${w.table.id}/history?from=yesterday&to[]=1`, {
      token: w.manager.token,
    });
    expectErrorShape(history, 'history query');
    expect(history.status).toBe(400);
    // Year 0000 passes a JavaScript Date round trip but is out of PostgreSQL's range.
    for (const query of ['from=0000-01-01', 'to=0000-12-31', 'from=0000-01-01&to=2026-01-01']) {
      const res = await t.api.get(`/api/v1/admin/tables/${w.table.id}/history?${query}`, { token: w.manager.token });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields[0].path, query).toMatch(/^querystring\.(from|to)$/);
    }
    const widest = await t.api.get(`/api/v1/admin/tables/${w.table.id}/history?from=0001-01-01&to=9999-12-31`, {
      token: w.manager.token,
    });
    expect(widest.status).toBe(200);
    const order = await t.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: w.kimchi.id, quantity: 1 }] },
      { token: w.table.token, headers: { 'idempotency-key': 'short' } },
    );
    expectErrorShape(order, 'idempotency key');
    expect(order.status).toBe(400);
    const stream = await t.api.get('/api/v1/admin/stream', {
      token: 'Bearer-looking garbage',
    });
    expectErrorShape(stream, 'garbage token');
    expect(stream.status).toBe(401);
  });
});
