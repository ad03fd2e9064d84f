import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { orders, tableSessions } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const clock = () => t.clock;
type World = Awaited<ReturnType<typeof f.world>>;

const sessionsOf = (app: FastifyInstance) => app.services.sessions;

/** Orders from table `index` of the world, with a token signed now (the old one may have expired). */
async function order(w: World, index = 0, quantity = 1) {
  const table = w.tables[index]!;
  const { token } = await t.app.tokens.sign({ kind: 'table', sub: table.id, storeId: w.store.id, ver: 0 });
  const res = await t.api.post('/api/v1/table/orders', { items: [{ menuId: w.kimchi.id, quantity }] }, { token });
  expect(res.status).toBe(201);
  return res.body as { id: string; sessionId: string; totalAmount: number };
}

async function session(id: string) {
  const [row] = await t.app.db.select().from(tableSessions).where(eq(tableSessions.id, id));
  return row;
}

async function closedCount(app: FastifyInstance, reason: string) {
  const metric = await app.metrics.sessionsClosed.get();
  return metric.values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

describe('the session sweep', () => {
  it('closes a session whose last order is older than the idle timeout, not before', async () => {
    const w = await f.world();
    const first = await order(w);
    clock().advanceMinutes(60);
    const second = await order(w);
    const sweep = sessionsOf(t.app).sweep;

    clock().advanceMinutes(119);
    await sweep();
    expect((await session(first.sessionId))?.closedAt).toBeNull();

    const idleBefore = await closedCount(t.app, 'idle');
    clock().advanceMinutes(2);
    const result = await sweep();
    expect(result.closed).toBeGreaterThanOrEqual(1);
    expect(await session(first.sessionId)).toMatchObject({ closedAt: clock().now(), closeReason: 'idle' });
    expect(await closedCount(t.app, 'idle')).toBe(idleBefore + 1);

    const archived = await t.app.db
      .select({ id: orders.id, sessionId: orders.sessionId })
      .from(orders)
      .where(and(inArray(orders.id, [first.id, second.id]), isNotNull(orders.archivedAt)));
    expect(archived).toHaveLength(2);
    expect(archived.every((row) => row.sessionId === first.sessionId)).toBe(true);

    const events = await t.app.events.readAfter(w.store.id, 0);
    expect(events.filter((e) => e.type === 'session.ended')).toEqual([
      expect.objectContaining({
        tableId: w.table1.id,
        data: { tableId: w.table1.id, sessionId: first.sessionId },
      }),
    ]);
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.owner.token });
    expect(dash.body.tables[0]).toMatchObject({ sessionId: null, totalAmount: 0, orders: [] });

    // Closed once: a later sweep finds nothing more to do for it.
    await sweep();
    expect((await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type === 'session.ended')).toHaveLength(1);
  });

  it('closes a session open longer than the expiry even while the table keeps ordering', async () => {
    const w = await f.world();
    const first = await order(w);
    for (let hour = 0; hour < 15; hour++) {
      clock().advanceMinutes(61);
      const next = await order(w);
      expect(next.sessionId).toBe(first.sessionId);
    }
    // 16 h 5 min after opening, 50 minutes after the last order.
    clock().advanceMinutes(50);
    const expiredBefore = await closedCount(t.app, 'expired');
    await sessionsOf(t.app).sweep();
    expect(await session(first.sessionId)).toMatchObject({ closeReason: 'expired' });
    expect(await closedCount(t.app, 'expired')).toBe(expiredBefore + 1);
    const { token } = await t.app.tokens.sign({
      kind: 'admin',
      sub: w.owner.id,
      storeId: w.store.id,
      role: 'owner',
      ver: 0,
    });
    const history = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, { token });
    expect(history.body.orders).toHaveLength(16);
  });

  it('leaves sessions in use alone', async () => {
    const w = await f.world({ tables: 2 });
    const busy = await order(w, 0);
    clock().advanceMinutes(90);
    const fresh = await order(w, 1);
    clock().advanceMinutes(45);
    await sessionsOf(t.app).sweep();
    expect((await session(busy.sessionId))?.closeReason).toBe('idle');
    expect((await session(fresh.sessionId))?.closedAt).toBeNull();
  });
});

describe('lazy closing when the table orders again', () => {
  it('closes the stale session and opens a new one for the order', async () => {
    const w = await f.world();
    const old = await order(w, 0, 2);
    clock().advanceHours(2.5);
    const next = await order(w, 0, 1);
    expect(next.sessionId).not.toBe(old.sessionId);
    expect(await session(old.sessionId)).toMatchObject({ closeReason: 'idle' });

    const { token } = await t.app.tokens.sign({ kind: 'table', sub: w.table1.id, storeId: w.store.id, ver: 0 });
    const read = await t.api.get('/api/v1/table/orders', { token });
    expect(read.body).toMatchObject({ sessionId: next.sessionId, totalAmount: 9_000 });
    expect(read.body.orders.map((o: any) => o.id)).toEqual([next.id]);

    const history = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, { token: w.owner.token });
    expect(history.body.orders.map((o: any) => [o.id, o.sessionId])).toEqual([[old.id, old.sessionId]]);

    const types = (await t.app.events.readAfter(w.store.id, 0)).map((e) => e.type);
    expect(types).toEqual([
      'table.updated',
      'order.created',
      'session.ended',
      'table.updated',
      'table.updated',
      'order.created',
    ]);
  });
});

describe('several replicas', () => {
  it('closes each expired session exactly once when two app instances sweep the same database at once', async () => {
    const second = await startTestApp({ database: t.database, clock: t.clock });
    try {
      const w = await f.world({ tables: 6 });
      const opened: Array<{ id: string; sessionId: string }> = [];
      for (const table of w.tables) opened.push(await f.order(table, [{ menuId: w.kimchi.id }]));
      clock().advanceHours(3);

      // Earlier tests may have left sessions open in other stores; they are all idle by now.
      const openBefore = await t.app.db
        .select({ id: tableSessions.id })
        .from(tableSessions)
        .where(isNull(tableSessions.closedAt));
      const metricsBefore = (await closedCount(t.app, 'idle')) + (await closedCount(second.app, 'idle'));
      const a = sessionsOf(t.app);
      const b = sessionsOf(second.app);
      const results = await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
      const closedBySweeps = results.reduce((sum, r) => sum + r.closed, 0);
      const metricsAfter = (await closedCount(t.app, 'idle')) + (await closedCount(second.app, 'idle'));
      const openAfter = await t.app.db
        .select({ id: tableSessions.id })
        .from(tableSessions)
        .where(isNull(tableSessions.closedAt));
      expect(openAfter).toEqual([]);
      expect(closedBySweeps).toBe(openBefore.length);
      expect(metricsAfter - metricsBefore).toBe(openBefore.length);

      const ended = (await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type === 'session.ended');
      expect(ended.map((e) => (e.data as any).sessionId).sort()).toEqual(opened.map((o) => o.sessionId).sort());
      const rows = await t.app.db
        .select({ closeReason: tableSessions.closeReason })
        .from(tableSessions)
        .where(
          inArray(
            tableSessions.id,
            opened.map((o) => o.sessionId),
          ),
        );
      expect(rows.map((r) => r.closeReason)).toEqual(Array(6).fill('idle'));
      const archived = await t.app.db
        .select({ id: orders.id })
        .from(orders)
        .where(
          and(
            inArray(
              orders.id,
              opened.map((o) => o.id),
            ),
            isNotNull(orders.archivedAt),
          ),
        );
      expect(archived).toHaveLength(6);
    } finally {
      await second.close();
    }
  });
});
