import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import type { ApiResponse } from '../../../test/http.js';
import { orders, payments, tableSessions } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const ROUNDS = 6;
const TABLES = 6;
const PER_ROUND = { orders: 30, orderMoves: 4, moves: 6, merges: 6, ends: 3, payments: 6 };

/** A small seeded generator: the same rounds on every run. */
function random(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

describe('table operations racing each other', () => {
  it(`orders, order moves, table moves, merges, payments and end-session: ${ROUNDS} rounds, nothing lost or duplicated`, async () => {
    const w = await f.world({ tables: TABLES });
    const pick = random(17);
    const staff = { token: w.manager.token };
    const acknowledged = new Map<string, { key: string; quantity: number }>(); // order id → its key and body
    const paid = new Set<string>();
    const statuses = new Map<string, number>();
    let operations = 0;

    for (let round = 0; round < ROUNDS; round++) {
      const tableAt = () => w.tables[pick(TABLES)]!;
      const pair = () => {
        const a = pick(TABLES);
        const b = (a + 1 + pick(TABLES - 1)) % TABLES;
        return [w.tables[a]!, w.tables[b]!] as const;
      };
      const live = (await t.app.db.select({ id: orders.id }).from(orders)).map((o) => o.id);
      const ops: Array<{ kind: string; run: () => Promise<ApiResponse> }> = [];
      for (let i = 0; i < PER_ROUND.orders; i++) {
        const table = tableAt();
        const key = `race-${randomUUID()}`;
        const quantity = 1 + (i % 3);
        ops.push({
          kind: 'order',
          run: async () => {
            const answer = await t.api.post(
              '/api/v1/table/orders',
              { items: [{ menuId: w.kimchi.id, quantity }] },
              { token: table.token, headers: { 'idempotency-key': key } },
            );
            if (answer.status === 201) acknowledged.set(answer.body.id, { key, quantity });
            return answer;
          },
        });
      }
      for (let i = 0; i < PER_ROUND.orderMoves && live.length > 0; i++) {
        const id = live[pick(live.length)]!;
        const to = tableAt();
        ops.push({
          kind: 'order-move',
          run: () => t.api.post(`/api/v1/admin/orders/${id}/move`, { tableId: to.id }, staff),
        });
      }
      for (let i = 0; i < PER_ROUND.moves; i++) {
        const [from, to] = pair();
        ops.push({
          kind: 'move',
          run: () => t.api.post(`/api/v1/admin/tables/${from.id}/move`, { toTableId: to.id }, staff),
        });
      }
      for (let i = 0; i < PER_ROUND.merges; i++) {
        const [into, from] = pair();
        ops.push({
          kind: 'merge',
          run: () => t.api.post(`/api/v1/admin/tables/${into.id}/merge`, { fromTableId: from.id }, staff),
        });
      }
      for (let i = 0; i < PER_ROUND.ends; i++) {
        const table = tableAt();
        ops.push({
          kind: 'end',
          run: () => t.api.post(`/api/v1/admin/tables/${table.id}/end-session`, undefined, staff),
        });
      }
      for (let i = 0; i < PER_ROUND.payments; i++) {
        const table = tableAt();
        ops.push({
          kind: 'payment',
          run: async () => {
            const answer = await t.api.post(
              `/api/v1/admin/tables/${table.id}/payments`,
              { method: 'cash', amount: 1_000 },
              staff,
            );
            if (answer.status === 201) paid.add(answer.body.id);
            return answer;
          },
        });
      }
      // Shuffled, all at once.
      for (let i = ops.length - 1; i > 0; i--) {
        const j = pick(i + 1);
        [ops[i], ops[j]] = [ops[j]!, ops[i]!];
      }
      const answers = await Promise.all(ops.map(async (op) => ({ kind: op.kind, answer: await op.run() })));
      operations += ops.length;
      for (const { kind, answer } of answers) {
        const name = `${kind} ${answer.status}${answer.status >= 400 ? ` ${answer.body?.error?.code}` : ''}`;
        statuses.set(name, (statuses.get(name) ?? 0) + 1);
        expect(answer.status, `${kind}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
      }
    }

    // Every acknowledged order is in the database exactly once, and nothing else is.
    const rows = await t.app.db.select().from(orders).where(eq(orders.storeId, w.store.id));
    expect(rows).toHaveLength(acknowledged.size);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(acknowledged.keys()));
    // Each live order sits in an open visit of its own table; each archived one in a closed visit.
    const sessions = new Map(
      (await t.app.db.select().from(tableSessions).where(eq(tableSessions.storeId, w.store.id))).map((s) => [s.id, s]),
    );
    for (const row of rows) {
      const session = sessions.get(row.sessionId)!;
      if (row.archivedAt === null) {
        expect(session.closedAt).toBeNull();
        expect(session.tableId).toBe(row.tableId);
      } else {
        expect(session.closedAt).not.toBeNull();
      }
    }
    // A replay of every key answers its order, wherever it went: nothing is ordered twice.
    const tableOfKey = new Map<string, string>();
    for (const event of await t.app.events.readAfter(w.store.id, 0, 100_000)) {
      if (event.type === 'order.created') {
        const order = (event.data as { order: { id: string; tableId: string } }).order;
        tableOfKey.set(order.id, order.tableId);
      }
    }
    for (const [id, { key, quantity }] of acknowledged) {
      const table = w.tables.find((x) => x.id === tableOfKey.get(id))!;
      const replay = await t.api.post(
        '/api/v1/table/orders',
        { items: [{ menuId: w.kimchi.id, quantity }] },
        { token: table.token, headers: { 'idempotency-key': key } },
      );
      expect(replay.status).toBe(200);
      expect(replay.body.id).toBe(id);
    }
    expect(await t.app.db.select().from(orders).where(eq(orders.storeId, w.store.id))).toHaveLength(acknowledged.size);
    // Every recorded payment is there once; no open visit was paid more than it owes.
    const paymentRows = await t.app.db.select().from(payments).where(eq(payments.storeId, w.store.id));
    expect(new Set(paymentRows.map((p) => p.id))).toEqual(paid);
    const dash = await t.api.get('/api/v1/admin/dashboard', staff);
    for (const table of dash.body.tables) {
      expect(table.totalAmount).toBe(
        table.orders.reduce((sum: number, o: { totalAmount: number }) => sum + o.totalAmount, 0),
      );
      expect(table.dueAmount).toBeGreaterThanOrEqual(0);
    }
    const liveSum = rows.filter((r) => r.archivedAt === null).reduce((sum, r) => sum + r.totalAmount, 0);
    expect(dash.body.tables.reduce((sum: number, x: { totalAmount: number }) => sum + x.totalAmount, 0)).toBe(liveSum);

    console.info(
      `table operations race: ${operations} operations over ${ROUNDS} rounds (${operations / ROUNDS} per round), ` +
        `${acknowledged.size} orders, ${paid.size} payments; answers: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
  });
});
