import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { connectSse } from '../../../test/sse.js';
import { tables } from '../../db/schema/index.js';
import { lockTable, openSession } from '../sessions/sessions.service.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

type World = Awaited<ReturnType<typeof f.world>>;

async function openTable(table: { id: string; storeId: string }) {
  return t.app.events.transaction(table.storeId, async (tx, emit) => {
    const locked = await lockTable(tx, table.storeId, table.id);
    if (!locked) throw new Error('no table');
    return openSession(tx, emit, { storeId: table.storeId, table: locked }, { now: t.clock.now(), openedBy: 'staff' });
  });
}

async function phoneAt(table: { id: string }): Promise<string> {
  const [row] = await t.app.db.select({ code: tables.qrCode }).from(tables).where(eq(tables.id, table.id));
  const res = await t.api.post('/api/v1/auth/guest/login', { code: row?.code });
  expect(res.status).toBe(200);
  return res.body.token;
}

/** The tablet and two phones at table 1, in an open visit. */
async function threeDevices(w: World) {
  const session = await openTable(w.table1);
  return { session, tablet: w.table1.token, phone1: await phoneAt(w.table1), phone2: await phoneAt(w.table1) };
}

const cartOf = async (token: string) => (await t.api.get('/api/v1/table/cart', { token })).body;
const add = (token: string, body: Record<string, unknown>) => t.api.post('/api/v1/table/cart/items', body, { token });
const checkout = (token: string, expectedVersion: number, headers: Record<string, string> = {}) =>
  t.api.post('/api/v1/table/cart/checkout', { expectedVersion }, { token, headers });

describe('the shared cart', () => {
  it('is one cart for the tablet and every phone: lines say who added them, identical lines merge up to 99', async () => {
    const w = await f.world();
    const { tablet, phone1, phone2 } = await threeDevices(w);
    expect(await cartOf(phone1)).toEqual({ version: 0, items: [], totalAmount: 0 });

    const first = await add(tablet, { menuId: w.kimchi.id, quantity: 2 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    await add(phone1, { menuId: w.bulgogi.id, quantity: 1, note: '  덜 달게 ' });
    const merged = await add(phone2, { menuId: w.kimchi.id, quantity: 3 });
    expect(merged.body.items).toHaveLength(2);
    const noted = await add(phone2, { menuId: w.bulgogi.id, quantity: 1, note: '덜 달게' });
    const seen = await cartOf(tablet);
    expect(seen).toEqual(noted.body);
    expect(seen.version).toBe(4);
    expect(seen.items).toEqual([
      expect.objectContaining({
        menuId: w.kimchi.id,
        name: '김치찌개',
        quantity: 5,
        unitPrice: 9_000,
        subtotal: 45_000,
        note: null,
        optionIds: [],
        options: [],
        orderable: true,
        addedBy: { kind: 'table', label: '테이블' },
      }),
      expect.objectContaining({
        menuId: w.bulgogi.id,
        quantity: 2,
        note: '덜 달게',
        subtotal: 30_000,
        addedBy: { kind: 'guest', label: '손님 1' },
      }),
    ]);
    expect(seen.totalAmount).toBe(75_000);
    // A different note is a different line; 99 is the ceiling of one line.
    await add(phone1, { menuId: w.kimchi.id, quantity: 1, note: '맵게' });
    const capped = await add(phone1, { menuId: w.kimchi.id, quantity: 99 });
    expect(capped.body.items.find((l: { note: string | null }) => l.note === null && l).quantity).toBe(99);
    expect(capped.body.items).toHaveLength(3);
  });

  it('changes and removes lines, empties, and refuses bad lines, changing nothing', async () => {
    const w = await f.world();
    const { tablet, phone1 } = await threeDevices(w);
    const added = await add(phone1, { menuId: w.kimchi.id, quantity: 2 });
    const lineId = added.body.items[0].lineId;
    const changed = await t.api.patch(`/api/v1/table/cart/items/${lineId}`, { quantity: 4 }, { token: tablet });
    expect(changed.status).toBe(200);
    expect(changed.body.items[0]).toMatchObject({ quantity: 4, subtotal: 36_000 });

    const refusals = [
      [await add(phone1, { menuId: w.soldOut.id, quantity: 1 }), 409, 'MENU_SOLD_OUT'],
      [await add(phone1, { menuId: randomUUID(), quantity: 1 }), 400, 'VALIDATION_FAILED'],
      [await add(phone1, { menuId: w.kimchi.id, quantity: 1, optionIds: [randomUUID()] }), 400, 'VALIDATION_FAILED'],
      [await add(phone1, { menuId: w.kimchi.id, quantity: 0 }), 400, 'VALIDATION_FAILED'],
      [await add(phone1, { menuId: w.kimchi.id, quantity: 100 }), 400, 'VALIDATION_FAILED'],
      [
        await t.api.patch(`/api/v1/table/cart/items/${randomUUID()}`, { quantity: 1 }, { token: phone1 }),
        404,
        'NOT_FOUND',
      ],
      [await t.api.patch(`/api/v1/table/cart/items/${lineId}`, { quantity: -1 }, { token: phone1 }), 400, null],
    ] as const;
    for (const [res, status, code] of refusals) {
      expect(res.status).toBe(status);
      if (code) expect(res.body.error.code).toBe(code);
    }
    expect((await cartOf(tablet)).version).toBe(changed.body.version);

    const removed = await t.api.patch(`/api/v1/table/cart/items/${lineId}`, { quantity: 0 }, { token: phone1 });
    expect(removed.body.items).toEqual([]);
    await add(phone1, { menuId: w.kimchi.id, quantity: 1 });
    await add(tablet, { menuId: w.bulgogi.id, quantity: 1 });
    const emptied = await t.api.delete('/api/v1/table/cart', { token: tablet });
    expect(emptied.status).toBe(200);
    expect(emptied.body).toEqual({ version: removed.body.version + 3, items: [], totalAmount: 0 });
  });

  it('loses nothing when three devices add at once; a stale checkout is 409, a fresh one orders exactly the cart', async () => {
    const w = await f.world();
    const { session, tablet, phone1, phone2 } = await threeDevices(w);
    const devices = [tablet, phone1, phone2];
    const adds = devices.flatMap((token, d) =>
      Array.from({ length: 8 }, (_, i) =>
        add(token, { menuId: i % 2 === 0 ? w.kimchi.id : w.bulgogi.id, quantity: 1, note: `기기 ${d}` }),
      ),
    );
    const answers = await Promise.all(adds);
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(200));
    // Every change got its own version: none was lost or applied twice.
    expect(new Set(answers.map((a) => a.body.version)).size).toBe(24);
    const cart = await cartOf(phone2);
    expect(cart.version).toBe(24);
    expect(cart.items).toHaveLength(6);
    for (const line of cart.items) expect(line.quantity).toBe(4);
    expect(cart.totalAmount).toBe(3 * 4 * 9_000 + 3 * 4 * 15_000);

    // Phone 1 looked at version 24; the tablet then added one more.
    const stale = cart.version;
    await add(tablet, { menuId: w.kimchi.id, quantity: 1, note: '기기 0' });
    const refused = await checkout(phone1, stale);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'CART_CHANGED', details: { version: stale + 1 } });
    expect((await cartOf(phone1)).items).toHaveLength(6);

    const fresh = await cartOf(phone1);
    const key = { 'idempotency-key': `cart-${randomUUID()}` };
    const ordered = await checkout(phone1, fresh.version, key);
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ source: 'guest', sessionId: session.id, totalAmount: fresh.totalAmount });
    const summary = (lines: Array<{ menuId: string; quantity: number; note: string | null; subtotal: number }>) =>
      lines.map((l) => [l.menuId, l.quantity, l.note, l.subtotal]);
    expect(summary(ordered.body.items)).toEqual(summary(fresh.items));
    const after = await cartOf(tablet);
    expect(after).toEqual({ version: fresh.version + 1, items: [], totalAmount: 0 });
    // A retry of the same checkout answers the same order, though the version moved on.
    const replay = await checkout(phone1, fresh.version, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(ordered.body.id);
    // An empty cart orders nothing.
    expect((await checkout(phone2, after.version)).body.error.code).toBe('CART_CHANGED');
    const orders = await t.api.get('/api/v1/table/orders', { token: phone2 });
    expect(orders.body.orders.map((o: { id: string }) => o.id)).toEqual([ordered.body.id]);
  });

  it('lets the tablet order the shared cart through its own order route, by version (cartVersion)', async () => {
    const w = await f.world();
    const { tablet, phone1 } = await threeDevices(w);
    const added = await add(phone1, { menuId: w.bulgogi.id, quantity: 2 });
    const body = (cartVersion: number) => ({ items: [{ menuId: w.bulgogi.id, quantity: 2 }], cartVersion });
    const key = { 'idempotency-key': `tablet-${randomUUID()}` };
    const stale = await t.api.post('/api/v1/table/orders', body(added.body.version - 1), {
      token: tablet,
      headers: key,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CART_CHANGED');
    const fresh = { 'idempotency-key': `tablet-${randomUUID()}` };
    const ordered = await t.api.post('/api/v1/table/orders', body(added.body.version), {
      token: tablet,
      headers: fresh,
    });
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ source: 'table', totalAmount: 30_000 });
    expect((await cartOf(phone1)).items).toEqual([]);
    // The tablet's retry after a lost answer finds its order, though the cart moved on.
    const retry = await t.api.post('/api/v1/table/orders', body(added.body.version), { token: tablet, headers: fresh });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(ordered.body.id);
  });

  it('tells the tablet and every phone at the table of each change, and orders the tablet checks out as the table', async () => {
    const w = await f.world();
    const { session, tablet, phone1, phone2 } = await threeDevices(w);
    const streams = await Promise.all(
      [tablet, phone1, phone2].map((token) => connectSse(`${t.url}/api/v1/table/stream`, { token })),
    );
    const neighbour = await connectSse(`${t.url}/api/v1/table/stream`, { token: w.table2.token });
    const admin = await connectSse(`${t.url}/api/v1/admin/stream`, { token: w.manager.token });
    const added = await add(phone1, { menuId: w.kimchi.id, quantity: 2 });
    for (const stream of streams) {
      const [event] = await stream.waitFor(1, { type: 'cart.updated' });
      expect(event?.data).toEqual({ cart: added.body });
    }
    const ordered = await checkout(tablet, added.body.version);
    expect(ordered.status).toBe(201);
    expect(ordered.body.source).toBe('table');
    for (const stream of streams) {
      await stream.waitFor(1, { type: 'order.created' });
      const updates = await stream.waitFor(2, { type: 'cart.updated' });
      expect(updates[1]?.data.cart).toEqual({ version: added.body.version + 1, items: [], totalAmount: 0 });
    }
    const events = await t.app.events.readAfter(w.store.id, 0);
    const carts = events.filter((e) => e.type === 'cart.updated');
    expect(carts.map((e) => [e.tableId, e.sessionId])).toEqual([
      [w.table1.id, session.id],
      [w.table1.id, session.id],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(neighbour.of('cart.updated')).toEqual([]);
    expect(admin.of('cart.updated')).toEqual([]);
    for (const stream of [...streams, neighbour, admin]) stream.close();
  });

  it('follows the menu: a price change or sold-out dish moves the version and reprices; sold-out lines cannot be ordered', async () => {
    const w = await f.world();
    const { tablet, phone1 } = await threeDevices(w);
    await add(phone1, { menuId: w.kimchi.id, quantity: 2 });
    const before = await add(tablet, { menuId: w.bulgogi.id, quantity: 1 });
    const stream = await connectSse(`${t.url}/api/v1/table/stream`, { token: phone1 });

    const priced = await t.api.patch(
      `/api/v1/admin/menus/${w.kimchi.id}`,
      { price: 10_000 },
      { token: w.manager.token },
    );
    expect(priced.status).toBe(200);
    const [repriced] = await stream.waitFor(1, { type: 'cart.updated' });
    const cart = await cartOf(phone1);
    expect(repriced?.data.cart).toEqual(cart);
    expect(cart.version).toBe(before.body.version + 1);
    expect(cart.items[0]).toMatchObject({ unitPrice: 10_000, subtotal: 20_000 });
    expect((await checkout(phone1, before.body.version)).body.error.code).toBe('CART_CHANGED');

    await t.api.patch(`/api/v1/admin/menus/${w.bulgogi.id}`, { isAvailable: false }, { token: w.manager.token });
    const soldOut = await cartOf(phone1);
    expect(soldOut.version).toBe(cart.version + 1);
    expect(soldOut.items.map((l: { orderable: boolean }) => l.orderable)).toEqual([true, false]);
    expect(soldOut.totalAmount).toBe(20_000);
    const refused = await checkout(phone1, soldOut.version);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MENU_SOLD_OUT');
    expect((await cartOf(phone1)).items).toHaveLength(2);
    // A deleted dish stays readable by name until taken out.
    await t.api.delete(`/api/v1/admin/menus/${w.bulgogi.id}`, { token: w.manager.token });
    const gone = (await cartOf(phone1)).items[1];
    expect(gone).toMatchObject({ name: '불고기', orderable: false });
    stream.close();
  });

  it('is emptied when the visit ends', async () => {
    const w = await f.world();
    const { tablet, phone1 } = await threeDevices(w);
    await add(phone1, { menuId: w.kimchi.id, quantity: 2 });
    const tabletStream = await connectSse(`${t.url}/api/v1/table/stream`, { token: tablet });
    const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(ended.status).toBe(200);
    const [event] = await tabletStream.waitFor(1, { type: 'cart.updated' });
    expect(event?.data.cart.items).toEqual([]);
    expect((await cartOf(tablet)).items).toEqual([]);
    tabletStream.close();
  });

  it('keeps each table to its own cart, and each store to its own', async () => {
    const w = await f.world();
    const b = await f.world();
    const { phone1 } = await threeDevices(w);
    const mine = await add(phone1, { menuId: w.kimchi.id, quantity: 1 });
    const lineId = mine.body.items[0].lineId;
    await openTable(w.table2);
    const neighbourPhone = await phoneAt(w.table2);
    expect(await cartOf(w.table2.token)).toEqual({ version: 0, items: [], totalAmount: 0 });
    expect(await cartOf(neighbourPhone)).toEqual({ version: 0, items: [], totalAmount: 0 });
    for (const token of [w.table2.token, neighbourPhone, b.table1.token]) {
      const res = await t.api.patch(`/api/v1/table/cart/items/${lineId}`, { quantity: 9 }, { token });
      expect(res.status).toBe(404);
    }
    // Another store's dish is unknown here.
    expect((await add(phone1, { menuId: b.kimchi.id, quantity: 1 })).status).toBe(400);
    expect((await t.api.delete('/api/v1/table/cart', { token: neighbourPhone })).status).toBe(200);
    expect(await cartOf(phone1)).toEqual(mine.body);
    // Staff have no cart; a staff token is refused on the table's routes.
    expect((await t.api.get('/api/v1/table/cart', { token: w.manager.token })).status).toBe(403);
  });
});

describe('cart limits', () => {
  it('answers 429 past the per-table rate of cart changes', async () => {
    const limited = await startTestApp({ env: { CART_EDIT_RATE: '20' } });
    try {
      const w = await factories(limited.app).world();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await limited.api.post(
          '/api/v1/table/cart/items',
          { menuId: w.kimchi.id, quantity: 1 },
          { token: w.table1.token },
        );
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
      expect(statuses.slice(10)).toEqual([429, 429]);
      const other = await limited.api.post(
        '/api/v1/table/cart/items',
        { menuId: w.kimchi.id, quantity: 1 },
        { token: w.table2.token },
      );
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  }, 120_000);
});
