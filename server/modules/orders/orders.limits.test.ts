import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ORDER_AMOUNT } from '../../../contract/orders.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

// What an order may not be, however it is sent: above the per-order ceiling, more than 99 of a
// dish spread over lines, faster than a table orders, or of a dish sold out a moment before —
// also when the order reaches a replica whose menu is a step behind.

let t: TestApp;
let second: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  // The per-table rate as production has it (the other suites lift it).
  const env = { TABLE_ORDER_RATE: '30' };
  t = await startTestApp({ env });
  second = await startTestApp({ env, database: t.database });
  f = factories(t.app);
});
afterAll(async () => {
  await second?.close();
  await t?.close();
});

const order = (token: string, items: unknown, app: TestApp = t) =>
  app.api.post('/api/v1/table/orders', { items }, { token });

async function createdEvents(storeId: string) {
  return (await t.app.events.readAfter(storeId, 0)).filter((e) => e.type === 'order.created');
}

describe('the per-order ceiling', () => {
  it(`refuses a total above ${MAX_ORDER_AMOUNT} won (and far above 2^31−1) with 400 naming the ceiling, never 500`, async () => {
    const w = await f.world();
    const dear = await Promise.all(
      Array.from({ length: 30 }, (_, i) => f.menu(w.store.id, w.category.id, { name: `한우 ${i}`, price: 1_000_000 })),
    );
    const one = await f.menu(w.store.id, w.category.id, { name: '물', price: 1 });
    // 30 × 99 × 1,000,000 = 2,970,000,000: past a 32-bit integer as well as the ceiling.
    const huge = await order(
      w.table1.token,
      dear.map((menu) => ({ menuId: menu.id, quantity: 99 })),
    );
    expect(huge.status).toBe(400);

    expect(huge.body.error.code).toBe('VALIDATION_FAILED');
    expect(huge.body.error.message).toContain('100,000,000');
    expect(huge.body.error.details.maxAmount).toBe(MAX_ORDER_AMOUNT);

    const [a, b] = dear as [(typeof dear)[0], (typeof dear)[0]];
    // Exactly the ceiling passes; one won more does not.
    const over = await order(w.table1.token, [
      { menuId: a.id, quantity: 99 },
      { menuId: b.id, quantity: 1 },
      { menuId: one.id, quantity: 1 },
    ]);
    expect(over.status, JSON.stringify(over.body)).toBe(400);
    expect(over.body.error.details.maxAmount).toBe(MAX_ORDER_AMOUNT);
    expect(await createdEvents(w.store.id)).toEqual([]);
    const exact = await order(w.table1.token, [
      { menuId: a.id, quantity: 99 },
      { menuId: b.id, quantity: 1 },
    ]);
    expect(exact.status).toBe(201);
    expect(exact.body.totalAmount).toBe(MAX_ORDER_AMOUNT);

    // The table's total may pass 2^31−1 over several orders: money columns are 64-bit.
    for (let i = 0; i < 21; i++) {
      const more = await order(w.table2.token, [
        { menuId: dear[i % 30]!.id, quantity: 99 },
        { menuId: dear[(i + 1) % 30]!.id, quantity: 1 },
      ]);
      expect(more.status).toBe(201);
      t.clock.advance(10_000);
    }
    const table = await t.api.get('/api/v1/table/orders', { token: w.table2.token });
    expect(table.status).toBe(200);
    expect(table.body.totalAmount).toBe(21 * MAX_ORDER_AMOUNT);
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dash.status).toBe(200);
  });

  it('counts the same dish on several lines against the 99-per-dish limit, naming every line', async () => {
    const w = await f.world();
    const split = await order(w.table1.token, [
      { menuId: w.kimchi.id, quantity: 50 },
      { menuId: w.bulgogi.id, quantity: 1 },
      { menuId: w.kimchi.id, quantity: 50, note: '덜 맵게' },
    ]);
    expect(split.status).toBe(400);
    expect(split.body.error.details.fields.map((field: { path: string }) => field.path).sort()).toEqual([
      'body.items.0.quantity',
      'body.items.2.quantity',
    ]);
    expect(await createdEvents(w.store.id)).toEqual([]);
    const fits = await order(w.table1.token, [
      { menuId: w.kimchi.id, quantity: 50 },
      { menuId: w.kimchi.id, quantity: 49, note: '덜 맵게' },
    ]);
    expect(fits.status).toBe(201);
  });
});

describe('the per-table order rate', () => {
  it('lets a dozen orders through at once, answers a flood with 429 and Retry-After, and spares other tables', async () => {
    const w = await f.world();
    const items = [{ menuId: w.kimchi.id, quantity: 1 }];
    const party = await Promise.all(Array.from({ length: 12 }, () => order(w.table1.token, items)));
    expect(party.map((res) => res.status)).toEqual(Array(12).fill(201));

    // At 30 a minute the burst is 15: three more pass, then 429 for the rest of the flood.
    const flood = await Promise.all(Array.from({ length: 200 }, () => order(w.table1.token, items)));
    const limited = flood.filter((res) => res.status === 429);
    expect(flood.filter((res) => res.status === 201)).toHaveLength(3);
    expect(limited).toHaveLength(197);
    expect(limited[0]?.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await createdEvents(w.store.id)).toHaveLength(15);

    // Another table of the store orders as usual, and the flooding table again after a while.
    expect((await order(w.table2.token, items)).status).toBe(201);
    t.clock.advance(2_000);
    expect((await order(w.table1.token, items)).status).toBe(201);
    expect((await order(w.table1.token, items)).status).toBe(429);
  });
});

describe('an order after a dish is sold out', () => {
  it('is refused once the sold-out change has committed, on this replica and on one whose menu is a step behind', async () => {
    const w = await f.world();
    const [tablet1, tablet2] = [w.table1.token, w.table2.token];
    const items = [{ menuId: w.kimchi.id, quantity: 1 }];
    // Both replicas have priced from the menu as it was (their catalogs are warm).
    expect((await order(tablet1, items)).status).toBe(201);
    expect((await order(tablet2, items, second)).status).toBe(201);

    const patched = await t.api.patch(
      `/api/v1/admin/menus/${w.kimchi.id}`,
      { isAvailable: false },
      {
        token: w.manager.token,
      },
    );
    expect(patched.status).toBe(200);
    for (const [token, app] of [
      [tablet1, t],
      [tablet2, second],
    ] as const) {
      const refused = await order(token, items, app);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('MENU_SOLD_OUT');
    }
    expect(await createdEvents(w.store.id)).toHaveLength(2);
  });

  it('never commits an order of the dish after the sold-out change, when both race', async () => {
    const w = await f.world({ tables: 3 });
    const items = [{ menuId: w.bulgogi.id, quantity: 1 }];
    await order(w.table3.token, items, second);
    const [, ...answers] = await Promise.all([
      t.api.patch(`/api/v1/admin/menus/${w.bulgogi.id}`, { isAvailable: false }, { token: w.manager.token }),
      ...w.tables
        .slice(0, 2)
        .flatMap((table) => Array.from({ length: 6 }, (_, i) => order(table.token, items, i % 2 ? second : t))),
    ]);
    for (const res of answers) expect([201, 409]).toContain(res.status);
    const events = await t.app.events.readAfter(w.store.id, 0);
    // The world's dishes were written without events: the one menu change is the sold-out.
    const soldOutAt = events.filter((e) => e.type === 'menu.updated');
    expect(soldOutAt).toHaveLength(1);
    const orderSeqs = events.filter((e) => e.type === 'order.created').map((e) => e.seq);
    expect(orderSeqs).toHaveLength(1 + answers.filter((res) => res.status === 201).length);
    for (const seq of orderSeqs) expect(seq).toBeLessThan(soldOutAt[0]!.seq);
    expect((await order(w.table1.token, items, second)).status).toBe(409);
  });
});
