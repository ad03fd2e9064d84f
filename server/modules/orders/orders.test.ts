import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { idempotencyKeys, menuOptionGroups, menus, optionGroups, options } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const clock = () => t.clock;

const order = (token: string, items: unknown, headers: Record<string, string> = {}) =>
  t.api.post('/api/v1/table/orders', { items }, { token, headers });

async function eventsOf(storeId: string) {
  return t.app.events.readAfter(storeId, 0);
}

describe('placing an order', () => {
  it('prices every line from the database and snapshots names and prices', async () => {
    const w = await f.world();
    const [kimchi, bulgogi] = w.menus;
    const res = await order(w.table1.token, [
      { menuId: kimchi!.id, quantity: 2 },
      { menuId: bulgogi!.id, quantity: 1 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      tableId: w.table1.id,
      tableNumber: 1,
      status: 'pending',
      totalAmount: 2 * 9_000 + 15_000,
      items: [
        { menuId: kimchi!.id, name: '김치찌개', unitPrice: 9_000, quantity: 2, subtotal: 18_000 },
        { menuId: bulgogi!.id, name: '불고기', unitPrice: 15_000, quantity: 1, subtotal: 15_000 },
      ],
    });
    expect(res.body.orderNo).toBe(1);
    expect(res.body.createdAt).toBe(t.clock.now().toISOString());
    expect(res.body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('ignores prices, names and totals a client sends', async () => {
    const w = await f.world();
    const res = await t.api.post(
      '/api/v1/table/orders',
      {
        items: [{ menuId: w.kimchi.id, quantity: 1, unitPrice: 1, price: 1, name: 'free' }],
        totalAmount: 1,
      },
      { token: w.table1.token },
    );
    expect(res.status).toBe(201);
    expect(res.body.totalAmount).toBe(9_000);
    expect(res.body.items[0]).toMatchObject({ name: '김치찌개', unitPrice: 9_000, subtotal: 9_000 });
  });

  it('keeps the snapshot when the dish changes afterwards', async () => {
    const w = await f.world();
    const dish = await f.menu(w.store.id, w.category.id, { name: '라면', price: 5_000 });
    const placed = await order(w.table1.token, [{ menuId: dish.id, quantity: 1 }]);
    await t.app.db.update(menus).set({ name: '신라면', price: 7_000 }).where(eq(menus.id, dish.id));
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders[0]).toMatchObject({ id: placed.body.id, totalAmount: 5_000 });
    expect(read.body.orders[0].items[0]).toMatchObject({ name: '라면', unitPrice: 5_000 });
  });

  it('numbers orders per store, increasing', async () => {
    const a = await f.world();
    const b = await f.world();
    const a1 = await order(a.table1.token, [{ menuId: a.kimchi.id, quantity: 1 }]);
    const a2 = await order(a.table2.token, [{ menuId: a.kimchi.id, quantity: 1 }]);
    const b1 = await order(b.table1.token, [{ menuId: b.kimchi.id, quantity: 1 }]);
    expect([a1.body.orderNo, a2.body.orderNo, b1.body.orderNo]).toEqual([1, 2, 1]);
  });

  it('opens one session on the first order and keeps it for the next ones', async () => {
    const w = await f.world();
    const token = w.table1.token;
    const first = await order(token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    clock().advanceMinutes(30);
    const second = await order(token, [{ menuId: w.bulgogi.id, quantity: 1 }]);
    expect(second.body.sessionId).toBe(first.body.sessionId);
    const events = await eventsOf(w.store.id);
    expect(events.map((e) => e.type)).toEqual(['table.updated', 'order.created', 'order.created']);
    expect(events[0]!.data).toEqual({
      table: {
        id: w.table1.id,
        number: 1,
        sessionId: first.body.sessionId,
        sessionStartedAt: first.body.createdAt,
        guests: null,
      },
    });
    expect(events[1]).toMatchObject({ tableId: w.table1.id, data: { order: first.body } });
  });

  it('counts created orders in the metrics', async () => {
    const w = await f.world();
    const before = (await t.app.metrics.ordersCreated.get()).values[0]?.value ?? 0;
    await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    const after = (await t.app.metrics.ordersCreated.get()).values[0]?.value ?? 0;
    expect(after - before).toBe(1);
  });
});

describe('order validation', () => {
  it('answers 409 MENU_SOLD_OUT naming the sold-out dishes, and creates nothing', async () => {
    const w = await f.world();
    const soldOut = w.soldOut;
    const res = await order(w.table1.token, [
      { menuId: w.kimchi.id, quantity: 1 },
      { menuId: soldOut.id, quantity: 2 },
    ]);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('MENU_SOLD_OUT');
    expect(res.body.error.message).toContain('군만두');
    expect(res.body.error.details.menus).toEqual([{ menuId: soldOut.id, name: '군만두' }]);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body).toEqual({ sessionId: null, totalAmount: 0, orders: [] });
    expect(await eventsOf(w.store.id)).toEqual([]);
  });

  it('answers 400 for unknown, deleted and other-store dishes, naming the line', async () => {
    const w = await f.world();
    const other = await f.world();
    const deleted = await f.menu(w.store.id, w.category.id, { name: '단종' });
    await t.app.db.update(menus).set({ deletedAt: new Date() }).where(eq(menus.id, deleted.id));
    for (const menuId of [randomUUID(), deleted.id, other.kimchi.id]) {
      const res = await order(w.table1.token, [
        { menuId: w.kimchi.id, quantity: 1 },
        { menuId, quantity: 1 },
      ]);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toContain('items[1]');
      expect(res.body.error.details.fields).toEqual([{ path: 'body.items.1.menuId', message: 'unknown menu' }]);
    }
    expect(await eventsOf(w.store.id)).toEqual([]);
  });

  it('answers 400 for bad lines and quantities', async () => {
    const w = await f.world();
    const id = w.kimchi.id;
    const bad: unknown[] = [
      [],
      Array.from({ length: 51 }, () => ({ menuId: id, quantity: 1 })),
      [{ menuId: id, quantity: 0 }],
      [{ menuId: id, quantity: 100 }],
      [{ menuId: id, quantity: 1.5 }],
      [{ menuId: id, quantity: '2' }],
      [{ menuId: 'not-a-uuid', quantity: 1 }],
      [{ quantity: 1 }],
      'nope',
    ];
    for (const items of bad) {
      const res = await order(w.table1.token, items);
      expect(res.status, JSON.stringify(items).slice(0, 60)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('accepts the limits themselves: 50 lines, quantity 99', async () => {
    const w = await f.world();
    const id = w.kimchi.id;
    const fifty = await order(
      w.table1.token,
      Array.from({ length: 50 }, () => ({ menuId: id, quantity: 1 })),
    );
    expect(fifty.status).toBe(201);
    expect(fifty.body.items).toHaveLength(50);
    const many = await order(w.table1.token, [{ menuId: id, quantity: 99 }]);
    expect(many.status).toBe(201);
    expect(many.body.totalAmount).toBe(99 * 9_000);
  });

  it('only lets a table token order', async () => {
    const w = await f.world();
    const items = [{ menuId: w.kimchi.id, quantity: 1 }];
    expect((await t.api.post('/api/v1/table/orders', { items })).status).toBe(401);
    expect((await order(w.owner.token, items)).status).toBe(403);
  });
});

describe('Idempotency-Key', () => {
  it('answers a retry with the original order (200, same id) and creates nothing', async () => {
    const w = await f.world();
    const items = [{ menuId: w.kimchi.id, quantity: 2 }];
    const headers = { 'idempotency-key': `cart-${randomUUID()}` };
    const first = await order(w.table1.token, items, headers);
    const again = await order(w.table1.token, items, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders).toHaveLength(1);
    expect(read.body.totalAmount).toBe(18_000);
    expect((await eventsOf(w.store.id)).filter((e) => e.type === 'order.created')).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another body', async () => {
    const w = await f.world();
    const headers = { 'idempotency-key': `cart-${randomUUID()}` };
    await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }], headers);
    const other = await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 2 }], headers);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('scopes keys to the table: another table with the same key gets its own order', async () => {
    const w = await f.world();
    const items = [{ menuId: w.kimchi.id, quantity: 1 }];
    const headers = { 'idempotency-key': `cart-${randomUUID()}` };
    const a = await order(w.table1.token, items, headers);
    const b = await order(w.table2.token, items, headers);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('replays the original order even after its session was closed', async () => {
    const w = await f.world();
    const items = [{ menuId: w.bulgogi.id, quantity: 1 }];
    const headers = { 'idempotency-key': `cart-${randomUUID()}` };
    const first = await order(w.table1.token, items, headers);
    const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(ended.status).toBe(200);
    const again = await order(w.table1.token, items, headers);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body).toEqual({ sessionId: null, totalAmount: 0, orders: [] });
  });

  it('does not spend a key on a refused order', async () => {
    const w = await f.world();
    const headers = { 'idempotency-key': `cart-${randomUUID()}` };
    const refused = await order(w.table1.token, [{ menuId: w.soldOut.id, quantity: 1 }], headers);
    expect(refused.status).toBe(409);
    const fixed = await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }], headers);
    expect(fixed.status).toBe(201);
  });

  it('answers 400 for a malformed key', async () => {
    const w = await f.world();
    const res = await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }], {
      'idempotency-key': 'short',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('prunes keys older than 24 hours, and only those', async () => {
    const w = await f.world();
    const items = [{ menuId: w.kimchi.id, quantity: 1 }];
    const oldKey = `old-${randomUUID()}`;
    const newKey = `new-${randomUUID()}`;
    await order(w.table1.token, items, { 'idempotency-key': oldKey });
    clock().advanceHours(23);
    // The first token has expired by now; the tablet signs in again.
    const table = w.table1;
    const { token } = await t.app.tokens.sign({ kind: 'table', sub: table.id, storeId: table.storeId, ver: 0 });
    expect((await order(token, items, { 'idempotency-key': newKey })).status).toBe(201);
    clock().advanceHours(1.5);
    await t.app.services.orders.pruneIdempotencyKeys(new Date(t.clock.now().getTime() - 24 * 3_600_000));
    const left = await t.app.db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.tableId, w.table1.id));
    expect(left.map((row) => row.key)).toEqual([newKey]);
  });
});

describe("a table's current orders", () => {
  it('lists the open session oldest first with the total, and only its own', async () => {
    const w = await f.world();
    const [one, two] = w.tables;
    const a = await order(one!.token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    const b = await order(one!.token, [{ menuId: w.bulgogi.id, quantity: 2 }]);
    await order(two!.token, [{ menuId: w.bulgogi.id, quantity: 1 }]);
    const read = await t.api.get('/api/v1/table/orders', { token: one!.token });
    expect(read.status).toBe(200);
    expect(read.body.sessionId).toBe(a.body.sessionId);
    expect(read.body.orders.map((o: any) => o.id)).toEqual([a.body.id, b.body.id]);
    expect(read.body.totalAmount).toBe(9_000 + 30_000);
  });

  it('is empty before the first order', async () => {
    const w = await f.world();
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body).toEqual({ sessionId: null, totalAmount: 0, orders: [] });
  });
});

describe('staff dashboard', () => {
  it('shows every table by number with its open session, total and orders', async () => {
    const w = await f.world({ tables: 3 });
    const other = await f.world();
    await order(other.table1.token, [{ menuId: other.kimchi.id, quantity: 1 }]);
    const a = await order(w.table3.token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    const b = await order(w.table3.token, [{ menuId: w.bulgogi.id, quantity: 1 }]);
    const c = await order(w.table1.token, [{ menuId: w.bulgogi.id, quantity: 3 }]);
    const res = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(res.status).toBe(200);
    const tables = res.body.tables;
    expect(tables.map((x: any) => x.number)).toEqual([1, 2, 3]);
    expect(tables[0]).toMatchObject({ sessionId: c.body.sessionId, totalAmount: 45_000, orders: [c.body] });
    expect(tables[1]).toEqual({
      id: w.table2.id,
      number: 2,
      sessionId: null,
      sessionStartedAt: null,
      totalAmount: 0,
      orders: [],
      guests: null,
      pin: null,
      paidAmount: 0,
      dueAmount: 0,
    });
    expect(tables[2]).toMatchObject({
      sessionId: a.body.sessionId,
      sessionStartedAt: a.body.createdAt,
      totalAmount: 24_000,
      orders: [a.body, b.body],
    });
  });

  it('is for staff only', async () => {
    const w = await f.world();
    expect((await t.api.get('/api/v1/admin/dashboard', { token: w.table1.token })).status).toBe(403);
    expect((await t.api.get('/api/v1/admin/dashboard')).status).toBe(401);
  });
});

describe('order status', () => {
  async function placed() {
    const w = await f.world();
    const res = await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    return { w, id: res.body.id as string };
  }
  const patch = (id: string, status: unknown, token: string) =>
    t.api.patch(`/api/v1/admin/orders/${id}`, { status }, { token });

  it('moves forward: pending → preparing → completed, and emits order.updated', async () => {
    const { w, id } = await placed();
    const preparing = await patch(id, 'preparing', w.manager.token);
    expect(preparing.status).toBe(200);
    expect(preparing.body).toMatchObject({ id, status: 'preparing', tableNumber: 1, totalAmount: 9_000 });
    expect(preparing.body.items).toHaveLength(1);
    const completed = await patch(id, 'completed', w.owner.token);
    expect(completed.body.status).toBe('completed');
    const updates = (await eventsOf(w.store.id)).filter((e) => e.type === 'order.updated');
    expect(updates.map((e) => (e.data as any).order.status)).toEqual(['preparing', 'completed']);
    expect(updates[0]!.tableId).toBe(w.table1.id);
  });

  it('may skip ahead: pending → completed', async () => {
    const { w, id } = await placed();
    const res = await patch(id, 'completed', w.manager.token);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('completed');
  });

  it('refuses the same status and going back with 409 ORDER_TRANSITION', async () => {
    const { w, id } = await placed();
    const same = await patch(id, 'pending', w.manager.token);
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('ORDER_TRANSITION');
    await patch(id, 'completed', w.manager.token);
    for (const status of ['completed', 'preparing', 'pending']) {
      const res = await patch(id, status, w.manager.token);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'ORDER_TRANSITION', details: { from: 'completed', to: status } });
    }
  });

  it('answers 400 for an unknown status, 404 for unknown and other-store orders', async () => {
    const { w, id } = await placed();
    const other = await f.world();
    expect((await patch(id, 'served', w.manager.token)).status).toBe(400);
    expect((await patch(randomUUID(), 'preparing', w.manager.token)).status).toBe(404);
    expect((await patch('not-a-uuid', 'preparing', w.manager.token)).status).toBe(400);
    const foreign = await patch(id, 'preparing', other.manager.token);
    expect(foreign.status).toBe(404);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders[0].status).toBe('pending');
  });

  it('is for staff only', async () => {
    const { w, id } = await placed();
    expect((await patch(id, 'preparing', w.table1.token)).status).toBe(403);
  });
});

describe('deleting an order', () => {
  it('takes it off the table and its total at once and keeps it in history as deleted', async () => {
    const w = await f.world();
    const token = w.table1.token;
    const keep = await order(token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    const gone = await order(token, [{ menuId: w.bulgogi.id, quantity: 2 }]);
    clock().advanceMinutes(5);
    const res = await t.api.delete(`/api/v1/admin/orders/${gone.body.id}`, { token: w.manager.token });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');

    const read = await t.api.get('/api/v1/table/orders', { token });
    expect(read.body.orders.map((o: any) => o.id)).toEqual([keep.body.id]);
    expect(read.body.totalAmount).toBe(9_000);
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dash.body.tables[0].totalAmount).toBe(9_000);

    const history = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, { token: w.manager.token });
    expect(history.body.orders).toHaveLength(1);
    const { archivedAt, deletedAt, deletedBy, ...rest } = history.body.orders[0];
    expect(rest).toEqual({ ...gone.body, items: gone.body.items.map((item: object) => ({ ...item, voids: [] })) });
    expect(deletedAt).toBe(t.clock.now().toISOString());
    expect(archivedAt).toBe(deletedAt);
    expect(deletedBy).toEqual({ adminId: w.manager.id, username: w.manager.username });

    const deleted = (await eventsOf(w.store.id)).filter((e) => e.type === 'order.deleted');
    expect(deleted).toEqual([
      expect.objectContaining({ tableId: w.table1.id, data: { orderId: gone.body.id, tableId: w.table1.id } }),
    ]);
  });

  it('answers 404 twice, for unknown and for other-store orders', async () => {
    const w = await f.world();
    const other = await f.world();
    const placed = await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    expect((await t.api.delete(`/api/v1/admin/orders/${placed.body.id}`, { token: other.owner.token })).status).toBe(
      404,
    );
    expect((await t.api.delete(`/api/v1/admin/orders/${placed.body.id}`, { token: w.owner.token })).status).toBe(204);
    expect((await t.api.delete(`/api/v1/admin/orders/${placed.body.id}`, { token: w.owner.token })).status).toBe(404);
    expect((await t.api.delete(`/api/v1/admin/orders/${randomUUID()}`, { token: w.owner.token })).status).toBe(404);
  });

  it('refuses status changes on a deleted order', async () => {
    const w = await f.world();
    const placed = await order(w.table1.token, [{ menuId: w.kimchi.id, quantity: 1 }]);
    await t.api.delete(`/api/v1/admin/orders/${placed.body.id}`, { token: w.owner.token });
    const res = await t.api.patch(
      `/api/v1/admin/orders/${placed.body.id}`,
      { status: 'preparing' },
      { token: w.owner.token },
    );
    expect(res.status).toBe(404);
  });
});

describe('the order as the database writes it', () => {
  it('has the same shape from the ordering functions as from the read side, options, notes and voids included', async () => {
    const w = await f.world();
    const [group] = await t.app.db
      .insert(optionGroups)
      .values({ storeId: w.store.id, name: '사리 추가', minSelect: 0, maxSelect: 3 })
      .returning();
    const [ramen, cheese] = await t.app.db
      .insert(options)
      .values([
        { groupId: group!.id, storeId: w.store.id, name: '라면사리', price: 1_000, sortOrder: 0 },
        { groupId: group!.id, storeId: w.store.id, name: '치즈', price: 1_500, sortOrder: 1 },
      ])
      .returning();
    await t.app.db.insert(menuOptionGroups).values({ menuId: w.kimchi.id, groupId: group!.id });
    const placed = await t.api.post(
      '/api/v1/table/orders',
      {
        items: [
          { menuId: w.kimchi.id, quantity: 2, optionIds: [cheese!.id, ramen!.id], note: '덜 맵게' },
          { menuId: w.bulgogi.id, quantity: 1 },
        ],
        note: '앞접시 두 개',
      },
      { token: w.table1.token },
    );
    expect(placed.status).toBe(201);
    expect(placed.body.items[0]).toMatchObject({
      unitPrice: 9_000 + 1_000 + 1_500,
      subtotal: 2 * 11_500,
      options: [
        { groupName: '사리 추가', name: '라면사리', price: 1_000 },
        { groupName: '사리 추가', name: '치즈', price: 1_500 },
      ],
      note: '덜 맵게',
    });
    expect(placed.body).toMatchObject({ totalAmount: 23_000 + 15_000, note: '앞접시 두 개', source: 'table' });
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders).toEqual([placed.body]);
    const stepped = await t.api.patch(
      `/api/v1/admin/orders/${placed.body.id}`,
      { status: 'completed' },
      {
        token: w.manager.token,
      },
    );
    expect(stepped.status).toBe(200);
    const again = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(again.body.orders).toEqual([stepped.body]);
    expect(stepped.body.items.every((item: { doneAt: string | null }) => item.doneAt !== null)).toBe(true);
  });
});
