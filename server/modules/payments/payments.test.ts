import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
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

const pay = (w: World, tableId: string, body: unknown, key?: string) =>
  t.api.post(`/api/v1/admin/tables/${tableId}/payments`, body, {
    token: w.manager.token,
    headers: key ? { 'idempotency-key': key } : {},
  });

const bill = (w: World, tableId: string) =>
  t.api.get(`/api/v1/admin/tables/${tableId}/bill`, { token: w.manager.token });

describe('bill and payments', () => {
  it('records shares until nothing is due; more than is due is 409 OVERPAYMENT and changes nothing', async () => {
    const w = await f.world();
    const empty = await bill(w, w.table1.id);
    expect(empty.body).toEqual({ sessionId: null, totalAmount: 0, paidAmount: 0, dueAmount: 0, payments: [] });
    const none = await pay(w, w.table1.id, { method: 'card', amount: 1_000 });
    expect(none.body.error.code).toBe('NO_OPEN_SESSION');

    const placed = await f.order(w.table1, [
      { menuId: w.kimchi.id, quantity: 2 },
      { menuId: w.bulgogi.id, quantity: 2 },
    ]);
    expect(placed.totalAmount).toBe(48_000);
    const first = await pay(w, w.table1.id, { method: 'card', amount: 16_000 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      sessionId: placed.sessionId,
      method: 'card',
      amount: 16_000,
      createdBy: { adminId: w.manager.id, username: w.manager.username },
      refundedAt: null,
      refundedBy: null,
    });
    const over = await pay(w, w.table1.id, { method: 'cash', amount: 32_001 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'OVERPAYMENT', details: { dueAmount: 32_000 } });
    const rest = await pay(w, w.table1.id, { method: 'cash', amount: 32_000 });
    expect(rest.status).toBe(201);
    const after = await bill(w, w.table1.id);
    expect(after.body).toMatchObject({ totalAmount: 48_000, paidAmount: 48_000, dueAmount: 0 });
    expect(after.body.payments.map((p: { id: string }) => p.id)).toEqual([first.body.id, rest.body.id]);
    const zero = await pay(w, w.table1.id, { method: 'cash', amount: 1 });
    expect(zero.body.error.code).toBe('OVERPAYMENT');

    // The tablet reads the same bill without staff names.
    const tablet = await t.api.get('/api/v1/table/bill', { token: w.table1.token });
    expect(tablet.body).toMatchObject({ totalAmount: 48_000, paidAmount: 48_000, dueAmount: 0 });
    expect(tablet.body.payments.every((p: { createdBy: unknown }) => p.createdBy === null)).toBe(true);
  });

  it('an Idempotency-Key per table replays the same payment (200); another body with it is 409', async () => {
    const w = await f.world();
    await f.order(w.table1, [{ menuId: w.kimchi.id, quantity: 3 }]);
    await f.order(w.table2, [{ menuId: w.kimchi.id, quantity: 3 }]);
    const key = `pay-${randomUUID()}`;
    const made = await pay(w, w.table1.id, { method: 'card', amount: 9_000 }, key);
    const again = await pay(w, w.table1.id, { method: 'card', amount: 9_000 }, key);
    expect(made.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(made.body);
    const reused = await pay(w, w.table1.id, { method: 'cash', amount: 9_000 }, key);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are per table: the same key at another table is another payment.
    const elsewhere = await pay(w, w.table2.id, { method: 'card', amount: 9_000 }, key);
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.id).not.toBe(made.body.id);
    expect((await bill(w, w.table1.id)).body.paidAmount).toBe(9_000);
  });

  it('refuses bad bodies (400), other stores (404) and tablets (403), changing nothing', async () => {
    const w = await f.world();
    const other = await f.world();
    await f.order(w.table1, [{ menuId: w.kimchi.id, quantity: 1 }]);
    for (const body of [
      { method: 'card', amount: 0 },
      { method: 'card', amount: -5 },
      { method: 'card', amount: 1.5 },
      { method: 'bitcoin', amount: 100 },
      { amount: 100 },
      { method: 'cash', amount: 1_000_000_001 },
    ]) {
      expect((await pay(w, w.table1.id, body)).status).toBe(400);
    }
    expect((await pay(w, w.table1.id, { method: 'card', amount: 100 }, 'short')).status).toBe(400);
    expect((await pay(other, w.table1.id, { method: 'card', amount: 100 })).status).toBe(404);
    expect((await t.api.get(`/api/v1/admin/tables/${w.table1.id}/bill`, { token: other.manager.token })).status).toBe(
      404,
    );
    const tablet = await t.api.post(
      `/api/v1/admin/tables/${w.table1.id}/payments`,
      { method: 'card', amount: 100 },
      { token: w.table1.token },
    );
    expect(tablet.status).toBe(403);
    expect((await bill(w, w.table1.id)).body.paidAmount).toBe(0);
  });

  it('a refund keeps the payment with who and when; events tell staff and the table (without names)', async () => {
    const w = await f.world();
    const other = await f.world();
    await f.order(w.table1, [{ menuId: w.bulgogi.id, quantity: 2 }]);
    const admin = await stream('/api/v1/admin/stream', w.manager.token);
    const tablet = await stream('/api/v1/table/stream', w.table1.token);
    const neighbour = await stream('/api/v1/table/stream', w.table2.token);
    const made = await pay(w, w.table1.id, { method: 'transfer', amount: 20_000 });

    expect((await t.api.delete(`/api/v1/admin/payments/${made.body.id}`, { token: other.manager.token })).status).toBe(
      404,
    );
    const refunded = await t.api.delete(`/api/v1/admin/payments/${made.body.id}`, { token: w.manager.token });
    expect(refunded.status).toBe(204);
    const twice = await t.api.delete(`/api/v1/admin/payments/${made.body.id}`, { token: w.manager.token });
    expect(twice.status).toBe(204);
    const after = await bill(w, w.table1.id);
    expect(after.body).toMatchObject({ paidAmount: 0, dueAmount: 30_000 });
    expect(after.body.payments[0]).toMatchObject({
      id: made.body.id,
      refundedBy: { adminId: w.manager.id, username: w.manager.username },
    });
    expect(after.body.payments[0].refundedAt).toEqual(expect.any(String));

    await admin.waitUntil(() => admin.of('payment.deleted').length === 1, 2_000, 'payment.deleted');
    expect(admin.of('payment.created')[0]!.data).toEqual({
      payment: made.body,
      tableId: w.table1.id,
      paidAmount: 20_000,
      dueAmount: 10_000,
    });
    expect(admin.of('payment.deleted')[0]!.data).toMatchObject({
      tableId: w.table1.id,
      paidAmount: 0,
      dueAmount: 30_000,
    });
    expect(admin.of('payment.deleted')[0]!.data.payment.refundedBy).toEqual({
      adminId: w.manager.id,
      username: w.manager.username,
    });
    await tablet.waitUntil(() => tablet.of('payment.deleted').length === 1, 2_000, 'payment.deleted');
    expect(tablet.of('payment.created')[0]!.data).toEqual({
      payment: { ...made.body, createdBy: null },
      tableId: w.table1.id,
      paidAmount: 20_000,
      dueAmount: 10_000,
    });
    expect(tablet.of('payment.deleted')[0]!.data.payment).toMatchObject({ createdBy: null, refundedBy: null });
    expect(neighbour.of('payment.created', 'payment.deleted')).toEqual([]);
  });

  it('ending a visit with money due is allowed; history flags it and shows its payments and voids', async () => {
    const w = await f.world();
    const placed = await f.order(w.table1, [{ menuId: w.kimchi.id, quantity: 2 }]);
    await pay(w, w.table1.id, { method: 'cash', amount: 10_000 });
    const voided = await t.api.post(
      `/api/v1/admin/orders/${placed.id}/void-items`,
      { items: [{ itemId: placed.items[0]!.id, quantity: 1 }], reason: '늦게 나옴' },
      { token: w.manager.token },
    );
    expect(voided.status).toBe(200);
    // A void after payment: money to give back.
    expect((await bill(w, w.table1.id)).body).toMatchObject({
      totalAmount: 9_000,
      paidAmount: 10_000,
      dueAmount: -1_000,
    });
    await f.order(w.table1, [{ menuId: w.bulgogi.id, quantity: 1 }]);
    const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(ended.status).toBe(200);
    const history = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, { token: w.manager.token });
    const [visit] = history.body.visits;
    expect(visit).toMatchObject({ totalAmount: 24_000, paidAmount: 10_000, dueAmount: 14_000, closedWithDue: true });
    expect(visit.log.map((l: { kind: string }) => l.kind)).toEqual(['opened', 'payment', 'voided', 'closed']);
    expect(visit.log[2]).toMatchObject({
      data: { orderNo: placed.orderNo, reason: '늦게 나옴', amount: 9_000 },
      by: { adminId: w.manager.id, username: w.manager.username },
    });
    const order = history.body.orders.find((o: { id: string }) => o.id === placed.id);
    expect(order.items[0]).toMatchObject({ quantity: 2, voidedQuantity: 1, subtotal: 9_000 });
    expect(order.items[0].voids).toEqual([
      {
        quantity: 1,
        reason: '늦게 나옴',
        at: expect.any(String),
        by: { adminId: w.manager.id, username: w.manager.username },
      },
    ]);
  });
});

describe('voiding items', () => {
  it('nets the line and the order, prints a cancel ticket at the line’s station, and refuses over-voids', async () => {
    const w = await f.world();
    const placed = await f.order(w.table1, [
      { menuId: w.kimchi.id, quantity: 3 },
      { menuId: w.bulgogi.id, quantity: 1 },
    ]);
    const [kimchi, bulgogi] = placed.items as [(typeof placed.items)[0], (typeof placed.items)[0]];
    const admin = await stream('/api/v1/admin/stream', w.manager.token);
    const jobs = () =>
      t.app.db
        .select()
        .from(printJobs)
        .where(and(eq(printJobs.orderId, placed.id), eq(printJobs.kind, 'void')));

    const first = await t.api.post(
      `/api/v1/admin/orders/${placed.id}/void-items`,
      { items: [{ itemId: kimchi.id, quantity: 2 }], reason: '손님 변심' },
      { token: w.manager.token },
    );
    expect(first.status).toBe(200);
    expect(first.body.items[0]).toMatchObject({ voidedQuantity: 2, subtotal: 9_000, doneAt: null });
    expect(first.body.totalAmount).toBe(24_000);
    const [job] = await jobs();
    expect(job).toMatchObject({ stationId: kimchi.stationId, kind: 'void' });
    expect(job!.ticket).toMatchObject({ reason: '손님 변심', lines: [{ name: '김치찌개', quantity: 2 }] });

    const over = await t.api.post(
      `/api/v1/admin/orders/${placed.id}/void-items`,
      {
        items: [
          { itemId: bulgogi.id, quantity: 1 },
          { itemId: kimchi.id, quantity: 2 },
        ],
      },
      { token: w.manager.token },
    );
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe('VOID_EXCEEDS_QUANTITY');
    expect(await jobs()).toHaveLength(1);
    expect((await t.api.get('/api/v1/table/orders', { token: w.table1.token })).body.totalAmount).toBe(24_000);

    // Voiding what is left makes every line done: the order is completed.
    const rest = await t.api.post(
      `/api/v1/admin/orders/${placed.id}/void-items`,
      {
        items: [
          { itemId: bulgogi.id, quantity: 1 },
          { itemId: kimchi.id, quantity: 1 },
        ],
      },
      { token: w.manager.token },
    );
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ totalAmount: 0, status: 'completed' });
    expect(rest.body.items.every((i: { doneAt: string | null }) => i.doneAt !== null)).toBe(true);
    expect(await jobs()).toHaveLength(2);
    await admin.waitUntil(() => admin.of('order.updated').length === 2, 2_000, 'order.updated');
    expect(admin.of('order.updated')[1]!.data.order).toEqual(rest.body);
  });

  it('refuses bad bodies (400), unknown lines and other stores (404), and tablets (403)', async () => {
    const w = await f.world();
    const other = await f.world();
    const placed = await f.order(w.table1, [{ menuId: w.kimchi.id, quantity: 2 }]);
    const itemId = placed.items[0]!.id;
    const url = `/api/v1/admin/orders/${placed.id}/void-items`;
    for (const body of [
      { items: [] },
      { items: [{ itemId, quantity: 0 }] },
      {
        items: [
          { itemId, quantity: 1 },
          { itemId, quantity: 1 },
        ],
      },
      { items: [{ itemId, quantity: 1 }], reason: 'x'.repeat(101) },
    ]) {
      expect((await t.api.post(url, body, { token: w.manager.token })).status).toBe(400);
    }
    const unknown = await t.api.post(
      url,
      { items: [{ itemId: randomUUID(), quantity: 1 }] },
      { token: w.manager.token },
    );
    expect(unknown.status).toBe(404);
    expect((await t.api.post(url, { items: [{ itemId, quantity: 1 }] }, { token: other.manager.token })).status).toBe(
      404,
    );
    expect((await t.api.post(url, { items: [{ itemId, quantity: 1 }] }, { token: w.table1.token })).status).toBe(403);
    const orders = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(orders.body.orders[0].items[0].voidedQuantity).toBe(0);
  });
});
