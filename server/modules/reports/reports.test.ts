import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../../contract/orders.js';
import type { PaymentMethod } from '../../../contract/payments.js';
import type { SalesReport } from '../../../contract/reports.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { menuOptionGroups, optionGroups, options, payments, stores } from '../../db/schema/index.js';

/**
 * The owner's sales report, checked against sums this file works out by itself from the orders it
 * placed: options, a renamed dish, voids, a deleted order, a moved order, a merged visit, two
 * visits of one table, payments with a refund, and orders on both sides of midnight in Seoul.
 *
 * Orders, deletion and ending a visit go through the real API. Voids, moves, merges, guest counts
 * and payments are written by the small SQL helpers below, which do to the rows what those
 * operations do (their endpoints are built on other branches): a void lowers the line's subtotal
 * and the order's total, a move rewrites the order's table and visit and keeps its id and time, a
 * merge moves the orders and closes the other visit as `merged`.
 */

let t: TestApp;
let f: ReturnType<typeof factories>;

beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

const KST_MS = 9 * 3_600_000;
/** The Seoul calendar day and hour of an instant, by plain arithmetic (Korea keeps no DST). */
const seoul = (at: Date) => {
  const shifted = new Date(at.getTime() + KST_MS).toISOString();
  return { date: shifted.slice(0, 10), hour: Number(shifted.slice(11, 13)) };
};

interface Line {
  itemId: string;
  menuId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  voided: number;
}
interface Placed {
  id: string;
  orderNo: number;
  at: Date;
  tableNumber: number;
  sessionId: string;
  lines: Line[];
  deleted: boolean;
}
interface Visit {
  id: string;
  openedAt: Date;
  guests: number | null;
  merged: boolean;
}
interface Paid {
  at: Date;
  method: PaymentMethod;
  amount: number;
  refunded: boolean;
}

type Dish = { id: string; name: string; price: number };

/** What the report must say, worked out from the model alone. */
function expected(model: { orders: Placed[]; visits: Visit[]; paid: Paid[] }, from: string, to: string) {
  const inRange = (at: Date) => seoul(at).date >= from && seoul(at).date <= to;
  const counted = model.orders.filter((o) => !o.deleted && inRange(o.at));
  const total = (o: Placed) => o.lines.reduce((sum, l) => sum + l.unitPrice * (l.quantity - l.voided), 0);
  const salesAmount = counted.reduce((sum, o) => sum + total(o), 0);
  const dates: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d = new Date(d.getTime() + 86_400_000))
    dates.push(d.toISOString().slice(0, 10));
  const byDay = dates.map((date) => {
    const day = counted.filter((o) => seoul(o.at).date === date);
    return { date, orders: day.length, salesAmount: day.reduce((sum, o) => sum + total(o), 0) };
  });
  const byHour = Array.from({ length: 24 }, (_, hour) => {
    const list = counted.filter((o) => seoul(o.at).hour === hour);
    return { hour, orders: list.length, salesAmount: list.reduce((sum, o) => sum + total(o), 0) };
  });
  const dishes = new Map<
    string,
    { menuId: string; name: string; quantity: number; salesAmount: number; last: number }
  >();
  for (const order of [...counted].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    for (const line of order.lines) {
      const dish = dishes.get(line.menuId) ?? {
        menuId: line.menuId,
        name: line.name,
        quantity: 0,
        salesAmount: 0,
        last: 0,
      };
      dish.quantity += line.quantity - line.voided;
      dish.salesAmount += line.unitPrice * (line.quantity - line.voided);
      dish.name = line.name;
      dishes.set(line.menuId, dish);
    }
  }
  const topMenus = [...dishes.values()]
    .filter((d) => d.quantity > 0)
    .sort((a, b) => b.salesAmount - a.salesAmount || (a.name < b.name ? -1 : 1))
    .slice(0, 10)
    .map(({ last: _last, ...dish }) => dish);
  const visits = model.visits.filter((v) => !v.merged && inRange(v.openedAt));
  const methods = new Map<PaymentMethod, { amount: number; count: number }>();
  for (const p of model.paid.filter((p) => !p.refunded && inRange(p.at))) {
    const m = methods.get(p.method) ?? { amount: 0, count: 0 };
    methods.set(p.method, { amount: m.amount + p.amount, count: m.count + 1 });
  }
  return {
    from,
    to,
    timezone: 'Asia/Seoul',
    totals: {
      orders: counted.length,
      salesAmount,
      sessions: visits.length,
      guests: visits.reduce((sum, v) => sum + (v.guests ?? 0), 0),
      averageOrderAmount: counted.length === 0 ? 0 : Math.floor(salesAmount / counted.length),
    },
    byDay,
    byHour,
    topMenus,
    payments: [...methods.entries()].map(([method, m]) => ({ method, ...m })).sort((a, b) => b.amount - a.amount),
  } satisfies SalesReport;
}

async function withOptions(storeId: string, menuId: string) {
  const db = t.app.db;
  const [size] = await db
    .insert(optionGroups)
    .values({ storeId, name: '사이즈', minSelect: 0, maxSelect: 1 })
    .returning();
  const [extra] = await db
    .insert(optionGroups)
    .values({ storeId, name: '사리 추가', minSelect: 0, maxSelect: 3 })
    .returning();
  if (!size || !extra) throw new Error('groups not created');
  const [large] = await db
    .insert(options)
    .values({ groupId: size.id, storeId, name: '곱빼기', price: 2_000 })
    .returning();
  const [cheese] = await db
    .insert(options)
    .values({ groupId: extra.id, storeId, name: '치즈', price: 1_500 })
    .returning();
  const [rice] = await db.insert(options).values({ groupId: extra.id, storeId, name: '떡', price: 1_000 }).returning();
  if (!large || !cheese || !rice) throw new Error('options not created');
  await db.insert(menuOptionGroups).values([
    { menuId, groupId: size.id, sortOrder: 0 },
    { menuId, groupId: extra.id, sortOrder: 1 },
  ]);
  // As the option-group routes do: a new menu version, so ordering reads the new groups.
  await db.execute(sql`update ${stores} set menu_version = menu_version + 1 where id = ${storeId}`);
  return { large, cheese, rice };
}

describe('sales report', () => {
  it('equals the sums of the orders placed, over days, hours, dishes, visits and payments, in Seoul time', async () => {
    // Tokens live 16 hours: issued so they cover everything below.
    t.clock.set('2026-03-01T00:00:00Z');
    const w = await f.world({ tables: 3 });
    const { large, cheese, rice } = await withOptions(w.store.id, w.bulgogi.id);
    const model = { orders: [] as Placed[], visits: [] as Visit[], paid: [] as Paid[] };
    const dishes: Record<string, Dish> = {
      kimchi: { id: w.kimchi.id, name: '김치찌개', price: 9_000 },
      bulgogi: { id: w.bulgogi.id, name: '불고기', price: 15_000 },
    };
    const byTable = new Map(w.tables.map((table) => [table.number, table]));

    /** Places an order through the API at `at` and records what the report should count of it. */
    async function place(
      at: string,
      tableNumber: number,
      lines: Array<{ dish: Dish; quantity: number; extras?: Array<{ id: string; price: number }>; note?: string }>,
    ) {
      t.clock.set(at);
      const table = byTable.get(tableNumber);
      if (!table) throw new Error(`no table ${tableNumber}`);
      const res = await t.api.post<Order>(
        '/api/v1/table/orders',
        {
          items: lines.map((line) => ({
            menuId: line.dish.id,
            quantity: line.quantity,
            ...(line.extras ? { optionIds: line.extras.map((e) => e.id) } : {}),
            ...(line.note ? { note: line.note } : {}),
          })),
        },
        { token: table.token },
      );
      expect(res.status).toBe(201);
      const order = res.body;
      if (!model.visits.some((v) => v.id === order.sessionId)) {
        model.visits.push({ id: order.sessionId, openedAt: new Date(at), guests: null, merged: false });
      }
      const placed: Placed = {
        id: order.id,
        orderNo: order.orderNo,
        at: new Date(at),
        tableNumber,
        sessionId: order.sessionId,
        deleted: false,
        lines: lines.map((line, i) => ({
          itemId: order.items[i]?.id ?? '',
          menuId: line.dish.id,
          name: line.dish.name,
          // Worked out here, not read back: the menu price plus the chosen options.
          unitPrice: line.dish.price + (line.extras ?? []).reduce((sum, e) => sum + e.price, 0),
          quantity: line.quantity,
          voided: 0,
        })),
      };
      model.orders.push(placed);
      return placed;
    }

    /** As a void of items does: the line's subtotal and the order's total drop; who and when kept. */
    async function voidLine(order: Placed, lineIndex: number, quantity: number) {
      const line = order.lines[lineIndex] as Line;
      await t.app.db.transaction(async (tx) => {
        await tx.execute(sql`
          update order_items
          set voided_quantity = voided_quantity + ${quantity},
              subtotal = unit_price * (quantity - voided_quantity - ${quantity}),
              voids = voids || jsonb_build_array(jsonb_build_object('quantity', ${quantity}::int, 'reason', null,
                'at', ${t.clock.now().toISOString()}::text, 'adminId', ${w.owner.id}::text, 'username', ${w.owner.username}::text))
          where id = ${line.itemId}`);
        await tx.execute(sql`
          update orders set total_amount = (select sum(subtotal) from order_items where order_id = ${order.id})
          where id = ${order.id}`);
      });
      line.voided += quantity;
    }

    /** As moving an order does: same id, number and time, another table's open visit. */
    async function moveOrder(order: Placed, toTable: number, toSession: string) {
      const table = byTable.get(toTable);
      await t.app.db.execute(sql`
        update orders set table_id = ${table?.id}, table_number = ${toTable}, session_id = ${toSession}
        where id = ${order.id}`);
      Object.assign(order, { tableNumber: toTable, sessionId: toSession });
    }

    /** As merging tables does: the other visit's orders join, guests add up, it closes as merged. */
    async function merge(from: Visit, into: Visit, intoTable: number) {
      const table = byTable.get(intoTable);
      const now = t.clock.now();
      await t.app.db.transaction(async (tx) => {
        await tx.execute(sql`
          update orders set table_id = ${table?.id}, table_number = ${intoTable}, session_id = ${into.id}
          where session_id = ${from.id}`);
        await tx.execute(sql`
          update table_sessions set guests = ${(into.guests ?? 0) + (from.guests ?? 0)}
          where id = ${into.id}`);
        await tx.execute(sql`
          update table_sessions set closed_at = ${now.toISOString()}::timestamptz, close_reason = 'merged',
            merged_into_session_id = ${into.id}
          where id = ${from.id}`);
      });
      into.guests = (into.guests ?? 0) + (from.guests ?? 0);
      from.merged = true;
      for (const order of model.orders.filter((o) => o.sessionId === from.id)) {
        Object.assign(order, { sessionId: into.id, tableNumber: intoTable });
      }
    }

    async function guests(visit: Visit, count: number) {
      await t.app.db.execute(sql`update table_sessions set guests = ${count} where id = ${visit.id}`);
      visit.guests = count;
    }

    async function pay(visit: Visit, at: string, method: PaymentMethod, amount: number, refunded = false) {
      await t.app.db.insert(payments).values({
        storeId: w.store.id,
        sessionId: visit.id,
        method,
        amount,
        createdAt: new Date(at),
        createdByAdminId: w.owner.id,
        createdByUsername: w.owner.username,
        ...(refunded
          ? { refundedAt: new Date(at), refundedByAdminId: w.owner.id, refundedByUsername: w.owner.username }
          : {}),
      });
      model.paid.push({ at: new Date(at), method, amount, refunded });
    }
    const visitOf = (order: Placed) => model.visits.find((v) => v.id === order.sessionId) as Visit;

    // The evening before (Seoul 2026-02-28 23:30): outside a March report.
    await place('2026-02-28T14:30:00Z', 3, [{ dish: dishes.kimchi as Dish, quantity: 1 }]);
    await t.api.post(`/api/v1/admin/tables/${w.table3.id}/end-session`, undefined, { token: w.manager.token });

    // 2026-03-01, Seoul 14:00: table 1 with options.
    const a = await place('2026-03-01T05:00:00Z', 1, [
      { dish: dishes.kimchi as Dish, quantity: 2 },
      { dish: dishes.bulgogi as Dish, quantity: 1, extras: [large, cheese] },
    ]);
    await guests(visitOf(a), 3);
    const b = await place('2026-03-01T05:10:00Z', 1, [
      { dish: dishes.bulgogi as Dish, quantity: 3, extras: [rice] },
      { dish: dishes.kimchi as Dish, quantity: 1 },
    ]);
    await voidLine(b, 0, 1);
    // Table 2: an order deleted by staff, and one voided to 0 (still an order, of 0).
    const deleted = await place('2026-03-01T05:20:00Z', 2, [{ dish: dishes.bulgogi as Dish, quantity: 4 }]);
    const gone = await t.api.delete(`/api/v1/admin/orders/${deleted.id}`, { token: w.manager.token });
    expect(gone.status).toBe(204);
    deleted.deleted = true;
    const zero = await place('2026-03-01T05:30:00Z', 2, [{ dish: dishes.kimchi as Dish, quantity: 3 }]);
    await voidLine(zero, 0, 3);
    await guests(visitOf(zero), 2);
    // Table 3 opens; table 2's zero order moves there, then table 3's visit merges into table 1's.
    const three = await place('2026-03-01T05:35:00Z', 3, [{ dish: dishes.bulgogi as Dish, quantity: 1 }]);
    await guests(visitOf(three), 4);
    await moveOrder(zero, 3, three.sessionId);
    await pay(visitOf(a), '2026-03-01T05:50:00Z', 'card', 40_000);
    await pay(visitOf(a), '2026-03-01T05:51:00Z', 'cash', 5_000, true);
    await merge(visitOf(three), visitOf(a), 1);
    await pay(visitOf(a), '2026-03-01T05:55:00Z', 'cash', 12_000);
    t.clock.set('2026-03-01T06:00:00Z');
    const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(ended.status).toBe(200);

    // Table 1's second visit of the day; the dish is renamed before its last order.
    const second = await place('2026-03-01T09:00:00Z', 1, [{ dish: dishes.bulgogi as Dish, quantity: 2 }]);
    expect(second.sessionId).not.toBe(a.sessionId);
    await guests(visitOf(second), 2);
    const renamed = await t.api.patch(
      `/api/v1/admin/menus/${w.kimchi.id}`,
      { name: '묵은지 김치찌개' },
      { token: w.manager.token },
    );
    expect(renamed.status).toBe(200);
    (dishes.kimchi as Dish).name = '묵은지 김치찌개';
    // Around midnight in Seoul: 23:59:59.999 on the 1st, 00:00 on the 2nd.
    await place('2026-03-01T14:59:59.999Z', 2, [{ dish: dishes.kimchi as Dish, quantity: 1, note: '덜 맵게' }]);
    const midnight = await place('2026-03-01T15:00:00Z', 2, [{ dish: dishes.bulgogi as Dish, quantity: 1 }]);
    await pay(visitOf(midnight), '2026-03-01T15:05:00Z', 'transfer', 15_000);
    await pay(visitOf(midnight), '2026-03-01T14:58:00Z', 'card', 9_000);

    const report = (from: string, to: string) =>
      t.api.get<SalesReport>(`/api/v1/admin/reports/sales?from=${from}&to=${to}`, { token: w.owner.token });
    for (const [from, to] of [
      ['2026-03-01', '2026-03-01'],
      ['2026-03-02', '2026-03-02'],
      ['2026-02-28', '2026-03-02'],
      ['2026-02-01', '2026-03-31'],
    ] as const) {
      const res = await report(from, to);
      expect(res.status, `${from}..${to}`).toBe(200);
      expect(res.body, `${from}..${to}`).toEqual(expected(model, from, to));
    }

    // The figures the model gives for the 1st, spelled out, so the model itself is checked too.
    const first = (await report('2026-03-01', '2026-03-01')).body;
    // a: 2×9,000 + (15,000+2,000+1,500) = 36,500; b: 2×16,000 + 9,000 = 41,000; the zero order: 0;
    // table 3's order: 15,000; the second visit: 30,000; 23:59:59: 9,000.
    expect(first.totals).toEqual({
      orders: 6,
      salesAmount: 131_500,
      // Table 1's two visits, table 2's (its deleted and zero orders) and table 2's late one, which
      // opened after the idle timeout; table 3's merged away.
      sessions: 4,
      guests: 3 + 4 + 2 + 2,
      averageOrderAmount: Math.floor(131_500 / 6),
    });
    expect(first.byHour[23]).toEqual({ hour: 23, orders: 1, salesAmount: 9_000 });
    expect(first.byHour[0]).toEqual({ hour: 0, orders: 0, salesAmount: 0 });
    expect(first.topMenus.map((m) => [m.name, m.quantity, m.salesAmount])).toEqual([
      ['불고기', 6, 15_000 + 2_000 + 1_500 + 2 * 16_000 + 15_000 + 2 * 15_000],
      ['묵은지 김치찌개', 4, 4 * 9_000],
    ]);
    expect(first.payments).toEqual([
      { method: 'card', amount: 49_000, count: 2 },
      { method: 'cash', amount: 12_000, count: 1 },
    ]);
    const secondDay = (await report('2026-03-02', '2026-03-02')).body;
    expect(secondDay.totals.orders).toBe(1);
    expect(secondDay.byHour[0]).toEqual({ hour: 0, orders: 1, salesAmount: 15_000 });
    expect(secondDay.payments).toEqual([{ method: 'transfer', amount: 15_000, count: 1 }]);

    // The report's sales are the orders' own totals, as history and the dashboard keep them.
    const dbTotal = await t.app.db.execute(sql`
      select coalesce(sum(total_amount), 0)::text as total from orders
      where store_id = ${w.store.id} and deleted_at is null
        and created_at >= '2026-02-28T15:00:00Z' and created_at < '2026-03-01T15:00:00Z'`);
    expect(Number((dbTotal as unknown as { rows: Array<{ total: string }> }).rows[0]?.total)).toBe(131_500);
  });

  it('lists every day of the range with zeros, 24 hours, and today by default', async () => {
    t.clock.set('2026-05-10T01:00:00Z');
    const w = await f.world({ tables: 1 });
    const today = await t.api.get<SalesReport>('/api/v1/admin/reports/sales', { token: w.owner.token });
    expect(today.status).toBe(200);
    expect(today.body).toEqual({
      from: '2026-05-10',
      to: '2026-05-10',
      timezone: 'Asia/Seoul',
      totals: { orders: 0, salesAmount: 0, sessions: 0, guests: 0, averageOrderAmount: 0 },
      byDay: [{ date: '2026-05-10', orders: 0, salesAmount: 0 }],
      byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, salesAmount: 0 })),
      topMenus: [],
      payments: [],
    });
    // 2024 is a leap year: 366 days, every one listed.
    const year = await t.api.get<SalesReport>('/api/v1/admin/reports/sales?from=2024-01-01&to=2024-12-31', {
      token: w.owner.token,
    });
    expect(year.status).toBe(200);
    expect(year.body.byDay).toHaveLength(366);
    expect(year.body.byDay[59]).toEqual({ date: '2024-02-29', orders: 0, salesAmount: 0 });
    expect(year.body.byDay.at(-1)?.date).toBe('2024-12-31');
    // `from` alone runs to today (in Seoul: 15:30 UTC is already the 11th there).
    t.clock.set('2026-05-10T15:30:00Z');
    const since = await t.api.get<SalesReport>('/api/v1/admin/reports/sales?from=2026-05-01', { token: w.owner.token });
    expect([since.body.from, since.body.to, since.body.byDay.length]).toEqual(['2026-05-01', '2026-05-11', 11]);
  });

  it('refuses bad ranges and bad dates with 400, and managers with 403', async () => {
    t.clock.set('2026-05-10T01:00:00Z');
    const w = await f.world({ tables: 1 });
    const cases: Array<[string, string]> = [
      ['from=2026-03-02&to=2026-03-01', 'querystring.from'],
      ['from=2025-01-01&to=2026-01-02', 'querystring.to'],
      ['from=2026-02-30&to=2026-03-01', 'querystring.from'],
      ['from=yesterday', 'querystring.from'],
      ['to=2026-13-01', 'querystring.to'],
      ['from=2026-05-11', 'querystring.from'],
      ['from=2025-05-09', 'querystring.to'],
      ['from=0000-01-01&to=0000-01-02', 'querystring.from'],
    ];
    for (const path of ['/api/v1/admin/reports/sales', '/api/v1/admin/reports/sales.csv']) {
      for (const [query, field] of cases) {
        const res = await t.api.get(`${path}?${query}`, { token: w.owner.token });
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(res.body.error.code, query).toBe('VALIDATION_FAILED');
        expect(
          res.body.error.details.fields.map((x: { path: string }) => x.path),
          query,
        ).toContain(field);
      }
      const manager = await t.api.get(path, { token: w.manager.token });
      expect(manager.status).toBe(403);
      expect(manager.body.error.code).toBe('FORBIDDEN');
      const table = await t.api.get(path, { token: w.table1.token });
      expect(table.status).toBe(403);
      expect((await t.api.get(path)).status).toBe(401);
    }
    // 366 days, ending on either side: the longest range that is answered.
    const longest = await t.api.get('/api/v1/admin/reports/sales?from=2025-01-01&to=2026-01-01', {
      token: w.owner.token,
    });
    expect(longest.status).toBe(200);
    const root = await f.superadmin();
    const wide = await t.api.get('/api/v1/superadmin/reports/sales?from=2026-01-02&to=2026-01-01', {
      token: root.token,
    });
    expect(wide.status).toBe(400);
    expect((await t.api.get('/api/v1/superadmin/reports/sales', { token: w.owner.token })).status).toBe(403);
  });

  it("shows another store's owner nothing of this store, and the super-admin each store in its own time zone", async () => {
    // 15:30 UTC on March 1st: still the 1st in UTC, already the 2nd in Seoul.
    t.clock.set('2026-03-01T15:30:00Z');
    const seoulStore = await f.world({ tables: 1 });
    const other = await f.world({ tables: 1 });
    await t.app.db.execute(sql`update stores set timezone = 'UTC' where id = ${other.store.id}`);
    const mine = await f.order(seoulStore.table1, [{ menuId: seoulStore.bulgogi.id, quantity: 2 }]);
    await f.order(other.table1, [{ menuId: other.kimchi.id, quantity: 1 }]);

    const theirs = await t.api.get<SalesReport>('/api/v1/admin/reports/sales?from=2026-03-01&to=2026-03-02', {
      token: other.owner.token,
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body.totals.salesAmount).toBe(9_000);
    expect(theirs.body.timezone).toBe('UTC');
    expect(theirs.body.byDay).toEqual([
      { date: '2026-03-01', orders: 1, salesAmount: 9_000 },
      { date: '2026-03-02', orders: 0, salesAmount: 0 },
    ]);
    const text = JSON.stringify(theirs.body);
    for (const id of [mine.id, seoulStore.bulgogi.id, seoulStore.kimchi.id]) expect(text).not.toContain(id);
    const csv = await t.api.get<string>('/api/v1/admin/reports/sales.csv?from=2026-03-01&to=2026-03-02', {
      token: other.owner.token,
    });
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect(csv.body).not.toContain('불고기');

    const root = await f.superadmin();
    const day = async (date: string) => {
      const res = await t.api.get(`/api/v1/superadmin/reports/sales?from=${date}&to=${date}`, { token: root.token });
      expect(res.status).toBe(200);
      const row = (id: string) => res.body.stores.find((s: { storeId: string }) => s.storeId === id);
      return { seoul: row(seoulStore.store.id), utc: row(other.store.id) };
    };
    const march1 = await day('2026-03-01');
    expect(march1.seoul).toMatchObject({ orders: 0, salesAmount: 0, timezone: 'Asia/Seoul', from: '2026-03-01' });
    expect(march1.utc).toMatchObject({ orders: 1, salesAmount: 9_000, averageOrderAmount: 9_000, timezone: 'UTC' });
    const march2 = await day('2026-03-02');
    expect(march2.seoul).toMatchObject({
      code: seoulStore.store.code,
      name: seoulStore.store.name,
      isActive: true,
      orders: 1,
      salesAmount: 30_000,
    });
    expect(march2.utc).toMatchObject({ orders: 0, salesAmount: 0 });
    // By default each store's own today: the 2nd in Seoul, the 1st in UTC.
    const today = await t.api.get('/api/v1/superadmin/reports/sales', { token: root.token });
    const todayOf = (id: string) => today.body.stores.find((s: { storeId: string }) => s.storeId === id);
    expect(todayOf(seoulStore.store.id)).toMatchObject({ from: '2026-03-02', to: '2026-03-02', salesAmount: 30_000 });
    expect(todayOf(other.store.id)).toMatchObject({ from: '2026-03-01', to: '2026-03-01', salesAmount: 9_000 });
    // Largest sales first.
    const amounts = today.body.stores.map((s: { salesAmount: number }) => s.salesAmount);
    expect(amounts).toEqual([...amounts].sort((x: number, y: number) => y - x));
  });
});

describe('sales CSV', () => {
  it('is UTF-8 with a BOM, the Korean header, CRLF, one quoted-as-needed row per line, formulas defused', async () => {
    t.clock.set('2026-04-01T03:04:05Z');
    const w = await f.world({ tables: 2 });
    const { large, cheese } = await withOptions(w.store.id, w.bulgogi.id);
    const first = await t.api.post<Order>(
      '/api/v1/table/orders',
      {
        items: [
          { menuId: w.kimchi.id, quantity: 2, note: '=HYPERLINK("http://x","y")' },
          { menuId: w.bulgogi.id, quantity: 1, optionIds: [large.id, cheese.id], note: '맵게, "아주" 많이\n부탁' },
        ],
      },
      { token: w.table1.token },
    );
    expect(first.status).toBe(201);
    t.clock.set('2026-04-01T03:10:00Z');
    const second = await t.api.post<Order>(
      '/api/v1/table/orders',
      {
        items: [
          { menuId: w.kimchi.id, quantity: 1, note: '-1' },
          { menuId: w.bulgogi.id, quantity: 1, note: '@me' },
        ],
      },
      { token: w.table2.token },
    );
    const removed = await t.api.post<Order>(
      '/api/v1/table/orders',
      { items: [{ menuId: w.kimchi.id, quantity: 5, note: '+지움' }] },
      { token: w.table2.token },
    );
    expect((await t.api.delete(`/api/v1/admin/orders/${removed.body.id}`, { token: w.owner.token })).status).toBe(204);
    // A void: the row shows the voided count and the net amount.
    await t.app.db.execute(sql`
      update order_items set voided_quantity = 1, subtotal = 0 where id = ${second.body.items[0]?.id}`);
    await t.app.db.execute(sql`update orders set total_amount = 15000 where id = ${second.body.id}`);

    const res = await fetch(`${t.url}/api/v1/admin/reports/sales.csv?from=2026-04-01&to=2026-04-01`, {
      headers: { authorization: `Bearer ${w.owner.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="sales-${w.store.code}-2026-04-01-2026-04-01.csv"`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(
      text.startsWith('\uFEFF주문일시,테이블,주문번호,메뉴,옵션,요청사항,수량,취소수량,단가,금액,주문경로\r\n'),
    ).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    // No bare line feed outside a quoted cell: every record ends with CRLF.
    const no1 = first.body.orderNo;
    const no2 = second.body.orderNo;
    expect(text.slice(1)).toBe(
      [
        '주문일시,테이블,주문번호,메뉴,옵션,요청사항,수량,취소수량,단가,금액,주문경로',
        `2026-04-01 12:04:05,1,${no1},김치찌개,,"'=HYPERLINK(""http://x"",""y"")",2,0,9000,18000,테이블`,
        `2026-04-01 12:04:05,1,${no1},불고기,"사이즈: 곱빼기(+2000), 사리 추가: 치즈(+1500)","맵게, ""아주"" 많이\n부탁",1,0,18500,18500,테이블`,
        `2026-04-01 12:10:00,2,${no2},김치찌개,,'-1,1,1,9000,0,테이블`,
        `2026-04-01 12:10:00,2,${no2},불고기,,'@me,1,0,15000,15000,테이블`,
        '',
      ].join('\r\n'),
    );
    // The export's amounts add up to the report's sales.
    const report = await t.api.get<SalesReport>('/api/v1/admin/reports/sales?from=2026-04-01&to=2026-04-01', {
      token: w.owner.token,
    });
    expect(report.body.totals.salesAmount).toBe(18_000 + 18_500 + 0 + 15_000);
  });

  it('streams a range longer than one page, every line once, oldest first', async () => {
    const w = await f.world({ tables: 1 });
    // 2,345 orders of 1–2 lines over three days, written as ordering writes them (bulk, in SQL).
    await t.app.db.execute(sql`
      with session as (
        insert into table_sessions (store_id, table_id, opened_at, last_order_at, closed_at, close_reason)
        values (${w.store.id}, ${w.table1.id}, '2026-06-01T00:00:00Z', '2026-06-03T00:00:00Z', '2026-06-03T00:00:00Z', 'staff')
        returning id
      ), placed as (
        insert into orders (store_id, table_id, table_number, session_id, order_no, total_amount, created_at, archived_at)
        select ${w.store.id}, ${w.table1.id}, 1, session.id, n, case when n % 2 = 0 then 18000 else 9000 end,
               '2026-06-01T00:00:00Z'::timestamptz + (n * interval '100 seconds') - (n % 3) * interval '1 microsecond',
               '2026-06-03T00:00:00Z'
        from session, generate_series(1, 2345) as n
        returning id, order_no
      )
      insert into order_items (order_id, line_no, menu_id, name, unit_price, quantity, subtotal)
      select placed.id, line, ${w.kimchi.id}, '김치찌개', 9000, 1, 9000
      from placed, generate_series(1, 2) as line
      where line = 1 or placed.order_no % 2 = 0`);
    const res = await t.api.get<string>('/api/v1/admin/reports/sales.csv?from=2026-06-01&to=2026-06-04', {
      token: w.owner.token,
    });
    expect(res.status).toBe(200);
    const rows = res.body.split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(2345 + 1172);
    const numbers = rows.map((row) => Number(row.split(',')[2]));
    const distinct = [...new Set(numbers)];
    expect(distinct).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1));
    expect(rows.reduce((sum, row) => sum + Number(row.split(',')[9]), 0)).toBe(1173 * 9_000 + 1172 * 18_000);
  });
});
