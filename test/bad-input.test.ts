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
  if (url.startsWith('/api/v1/admin/users')) return w.owner.token;
  if (url.startsWith('/api/v1/admin/')) return w.manager.token;
  if (url.startsWith('/api/v1/table/')) return w.table.token;
  if (url.startsWith('/api/v1/superadmin/')) return w.root.token;
  return undefined;
}

async function world() {
  const base = await f.world({ tables: 1 });
  const root = await f.superadmin();
  return { ...base, table: base.tables[0]!, root };
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
        .replace(':id', route.url.includes('/tables/') ? w.table.id : w.menus[0]!.id)
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
    const order = await t.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: w.menus[0]!.id, quantity: 1 }] },
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
