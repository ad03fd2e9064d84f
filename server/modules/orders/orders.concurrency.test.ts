import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { orders } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

type World = Awaited<ReturnType<typeof f.world>>;

const placeOrder = (w: World, quantity: number, headers: Record<string, string> = {}) =>
  t.api.post(
    '/api/v1/table/orders',
    { items: [{ menuId: w.kimchi.id, quantity }] },
    { token: w.table1.token, headers },
  );

async function historyOf(w: World) {
  return t.app.db
    .select()
    .from(orders)
    .where(and(eq(orders.tableId, w.table1.id), isNotNull(orders.archivedAt)));
}

describe('concurrent ordering', () => {
  it('100 concurrent orders on one table get 100 distinct order numbers and an exact total', async () => {
    const w = await f.world();
    const quantities = Array.from({ length: 100 }, (_, i) => 1 + (i % 7));
    const answers = await Promise.all(quantities.map((q) => placeOrder(w, q)));

    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(201));
    const numbers = answers.map((a) => a.body.orderNo as number).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const sessions = new Set(answers.map((a) => a.body.sessionId));
    expect(sessions.size).toBe(1);

    const expected = quantities.reduce((sum, q) => sum + q * 9_000, 0);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders).toHaveLength(100);
    expect(read.body.totalAmount).toBe(expected);
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dash.body.tables[0].totalAmount).toBe(expected);
    const created = (await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type === 'order.created');
    expect(created).toHaveLength(100);
  });

  it('20 concurrent retries with one Idempotency-Key make one order: one 201, the rest 200, one id', async () => {
    const w = await f.world();
    const headers = { 'idempotency-key': `retry-${randomUUID()}` };
    const answers = await Promise.all(Array.from({ length: 20 }, () => placeOrder(w, 3, headers)));

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(19).fill(200), 201]);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(read.body.orders.map((o: any) => o.id)).toEqual([...ids]);
    expect(read.body.totalAmount).toBe(27_000);
    const created = (await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type === 'order.created');
    expect(created).toHaveLength(1);
  });

  it('orders racing end-session: every acknowledged order is accounted for exactly once', async () => {
    const w = await f.world();
    const first = await placeOrder(w, 1);
    expect(first.status).toBe(201);

    const endSession = () =>
      t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, { token: w.manager.token });
    // Staff end the session when the 15th and the 40th answers arrive, while the rest are in flight.
    const ends: Array<ReturnType<typeof endSession>> = [];
    let answered = 0;
    const racing = Array.from({ length: 60 }, (_, i) =>
      placeOrder(w, 1 + (i % 5)).then((answer) => {
        answered++;
        if (answered === 15 || answered === 40) ends.push(endSession());
        return answer;
      }),
    );
    const answers = await Promise.all(racing);
    const endAnswers = await Promise.all(ends);

    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(201));
    const acknowledged = [first.body, ...answers.map((a) => a.body)];
    const closed = endAnswers.filter((e) => e.status === 200).map((e) => e.body);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    for (const e of endAnswers) expect([200, 409]).toContain(e.status);

    const history = await historyOf(w);
    const read = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    const live = read.body.orders as Array<{ id: string; sessionId: string; totalAmount: number }>;

    // Exactly once: in history or live, never both, never missing, nothing extra.
    const historyIds = history.map((h) => h.id);
    const liveIds = live.map((o) => o.id);
    expect(new Set([...historyIds, ...liveIds]).size).toBe(historyIds.length + liveIds.length);
    expect([...historyIds, ...liveIds].sort()).toEqual(acknowledged.map((o) => o.id).sort());

    // Each archived order sits in a closed session, with the session it was acknowledged in.
    const closedSessions = new Set(closed.map((c) => c.sessionId));
    const ackSession = new Map(acknowledged.map((o) => [o.id, o.sessionId]));
    for (const h of history) {
      expect(closedSessions.has(h.sessionId)).toBe(true);
      expect(h.sessionId).toBe(ackSession.get(h.id));
    }
    expect(closed.reduce((sum, c) => sum + c.archivedOrders, 0)).toBe(history.length);
    // What is live belongs to the one open session, and its total is exact.
    for (const o of live) {
      expect(o.sessionId).toBe(read.body.sessionId);
      expect(ackSession.get(o.id)).toBe(read.body.sessionId);
    }
    expect(read.body.totalAmount).toBe(live.reduce((sum, o) => sum + o.totalAmount, 0));
    const allTotals = acknowledged.reduce((sum, o) => sum + o.totalAmount, 0);
    expect(history.reduce((sum, h) => sum + h.totalAmount, 0) + read.body.totalAmount).toBe(allTotals);
  });

  it('status changes racing end-session are either archived with the order or refused with 404', async () => {
    const w = await f.world();
    const placed = [];
    for (let i = 0; i < 10; i++) placed.push((await placeOrder(w, 1)).body);
    const patches = placed.map((o) =>
      t.api.patch(`/api/v1/admin/orders/${o.id}`, { status: 'preparing' }, { token: w.manager.token }),
    );
    const end = new Promise((r) => setTimeout(r, 5)).then(() =>
      t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, { token: w.manager.token }),
    );
    const [answers, ended] = await Promise.all([Promise.all(patches), end]);
    expect(ended.status).toBe(200);
    expect(ended.body.archivedOrders).toBe(10);

    const history = new Map((await historyOf(w)).map((h) => [h.id, h.status]));
    placed.forEach((o, i) => {
      const answer = answers[i]!;
      expect([200, 404]).toContain(answer.status);
      expect(history.get(o.id)).toBe(answer.status === 200 ? 'preparing' : 'pending');
    });
  });
});
