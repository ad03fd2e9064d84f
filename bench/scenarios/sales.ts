import { randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';
import { sql } from 'drizzle-orm';
import { addDays } from '../../contract/reports.js';
import { rowsOf } from '../../server/db/client.js';
import { admins, stores } from '../../server/db/schema/index.js';
import { systemClock } from '../../server/lib/clock.js';
import { createTokenService } from '../../server/modules/auth/auth.tokens.js';
import { localDate } from '../../server/modules/reports/reports.read.js';
import type { Engine } from '../lib/world.js';

/** A busy store's year: ≈ 550 orders a day, 11:00–21:00, three orders a visit, ~2.5 lines an order. */
export const SALES_DAYS = 366;
const TABLES = 30;
const DISHES = 16;

export interface SalesWorld {
  storeId: string;
  from: string;
  to: string;
  orders: number;
  lines: number;
  ownerToken: string;
  superadminToken: string;
  /** The report's totals as the seeding query computed them, to check the answers against. */
  expected: { orders: number; salesAmount: number };
  seedSeconds: number;
}

export interface SalesRun {
  /** Each timed request of the owner's 366-day report, ms. */
  report: number[];
  /** Each timed request of the super-admin's comparison over the same days, ms. */
  superadmin: number[];
  /** Each full download of the 366-day CSV, ms. */
  csv: number[];
  csvBytes: number;
  csvRows: number;
  /** The answers disagreed with what was seeded (should be none). */
  mismatches: string[];
}

/**
 * Fills a new store with a year of sales straight in SQL (generate_series), as ordering, voids,
 * deletions, closing visits and payments would have left them: 1 order in 97 deleted, 1 line in
 * 50 with one portion voided, 1 in 5 with a 1,500 option, a payment per visit (1 in 50 refunded).
 * Every value follows from the order's number, so the totals are known without reading back.
 * Ends with VACUUM ANALYZE, the state autovacuum keeps a table in.
 */
export async function seedSalesYear(engine: Engine, secret: string, orders: number): Promise<SalesWorld> {
  const began = performance.now();
  const tokens = createTokenService({ secret, expireHours: 16, clock: systemClock });
  const database = await engine.open();
  const { db } = database;
  try {
    const timezone = 'Asia/Seoul';
    const to = localDate(new Date(), timezone);
    const from = addDays(to, -(SALES_DAYS - 1));
    const code = `sales-${Date.now().toString(36)}`;
    const p = randomBytes(4).toString('hex');
    const [store] = await db
      .insert(stores)
      .values({ code, name: '매출 벤치', timezone, lastOrderNo: orders })
      .returning({ id: stores.id });
    if (!store) throw new Error('store not created');
    const s = store.id;
    const hash = await bcrypt.hash(randomBytes(12).toString('hex'), 4);
    const [owner] = await db
      .insert(admins)
      .values({ storeId: s, username: 'owner', passwordHash: hash, role: 'owner' })
      .returning({ id: admins.id, ver: admins.tokenVersion });
    const [root] = await db
      .insert(admins)
      .values({ storeId: null, username: `sales-root-${p}`, passwordHash: hash, role: 'superadmin' })
      .returning({ id: admins.id, ver: admins.tokenVersion });
    if (!owner || !root) throw new Error('accounts not created');

    // Ids from names, shaped as version-4 UUIDs (the contract checks the version and variant).
    const uid = (name: ReturnType<typeof sql>) =>
      sql`overlay(overlay(md5(${p} || ${name}) placing '4' from 13) placing '8' from 17)::uuid`;
    // The formulas every statement below shares, by order number n (0-based).
    const day = sql`(${from}::date + (n * ${SALES_DAYS} / ${orders}))`;
    const at = sql`((${day}::timestamp + make_interval(mins => 660 + (((n / 3) * 7919) % 600) + (n % 3) * 5)) at time zone ${timezone})`;
    const dish = sql`((n * 7 + j * 5) % ${DISHES})`;
    const withOption = sql`((n + j) % 5 = 0)`;
    const unit = sql`(5000 + 500 * ${dish} + case when ${withOption} then 1500 else 0 end)`;
    const quantity = sql`(1 + ((n + j) % 3 = 0)::int)`;
    const voided = sql`(((n * 31 + j) % 50 = 0)::int)`;
    const lineCount = sql`(1 + n % 4)`;

    await db.execute(sql`
      insert into menu_categories (id, store_id, name, sort_order) values (${uid(sql`'c'`)}, ${s}, '메인', 0)`);
    await db.execute(sql`
      insert into menus (id, store_id, category_id, name, price, sort_order)
      select ${uid(sql`'m' || i`)}, ${s}, ${uid(sql`'c'`)}, '요리 ' || i, 5000 + 500 * i, i
      from generate_series(0, ${DISHES - 1}) i`);
    await db.execute(sql`
      insert into tables (id, store_id, number, password_hash)
      select ${uid(sql`'t' || n`)}, ${s}, n, ${hash} from generate_series(1, ${TABLES}) n`);
    await db.execute(sql`
      insert into table_sessions (id, store_id, table_id, opened_at, last_order_at, closed_at, close_reason, guests)
      select ${uid(sql`'s' || (n / 3)`)}, ${s}, ${uid(sql`'t' || ((n / 3) % ${TABLES} + 1)`)},
             ${at}, ${at} + interval '10 minutes', ${at} + interval '90 minutes', 'staff', 1 + (n / 3) % 4
      from generate_series(0, ${orders - 1}, 3) n`);
    await db.execute(sql`
      insert into orders (id, store_id, table_id, table_number, session_id, order_no, status, total_amount, source,
                          created_at, updated_at, archived_at, deleted_at)
      select ${uid(sql`'o' || n`)}, ${s}, ${uid(sql`'t' || ((n / 3) % ${TABLES} + 1)`)},
             (n / 3) % ${TABLES} + 1, ${uid(sql`'s' || (n / 3)`)}, n + 1, 'completed', total.amount,
             case when n % 10 = 0 then 'staff' when n % 4 = 0 then 'guest' else 'table' end,
             ${at}, ${at}, ${at} + interval '90 minutes', case when n % 97 = 0 then ${at} + interval '3 minutes' end
      from generate_series(0, ${orders - 1}) n
      cross join lateral (
        select sum(${unit} * (${quantity} - ${voided}))::bigint as amount from generate_series(1, ${lineCount}) j
      ) total`);
    await db.execute(sql`
      insert into order_items (order_id, line_no, menu_id, name, unit_price, quantity, voided_quantity, subtotal, options)
      select ${uid(sql`'o' || n`)}, j, ${uid(sql`'m' || ${dish}`)}, '요리 ' || ${dish}, ${unit}, ${quantity},
             ${voided}, ${unit} * (${quantity} - ${voided}),
             case when ${withOption}
               then jsonb_build_array(jsonb_build_object('groupId', ${uid(sql`'g'`)}, 'groupName', '사리 추가',
                      'optionId', ${uid(sql`'x'`)}, 'name', '치즈', 'price', 1500))
               else '[]'::jsonb end
      from generate_series(0, ${orders - 1}) n
      cross join lateral generate_series(1, ${lineCount}) j`);
    await db.execute(sql`
      insert into payments (store_id, session_id, method, amount, created_at, refunded_at)
      select ${s}, o.session_id,
             (array['card', 'card', 'card', 'cash', 'transfer'])[1 + abs(hashtext(o.session_id::text)) % 5],
             o.amount, o.last_at + interval '60 minutes',
             case when abs(hashtext(o.session_id::text)) % 50 = 0 then o.last_at + interval '65 minutes' end
      from (
        select session_id, sum(total_amount) as amount, max(created_at) as last_at
        from orders where store_id = ${s} and deleted_at is null group by session_id
      ) o
      where o.amount > 0`);
    for (const table of ['orders', 'order_items', 'table_sessions', 'payments']) {
      await db.execute(sql.raw(`vacuum analyze ${table}`));
    }
    const [counted] = rowsOf<{ orders: number; sales: string; lines: number }>(
      await db.execute(sql`
        select count(*)::int as orders, sum(total_amount)::text as sales,
               (select count(*)::int from order_items i join orders o on o.id = i.order_id where o.store_id = ${s}) as lines
        from orders where store_id = ${s} and deleted_at is null`),
    );
    const ownerToken = (await tokens.sign({ kind: 'admin', sub: owner.id, storeId: s, role: 'owner', ver: owner.ver }))
      .token;
    const superadminToken = (await tokens.sign({ kind: 'superadmin', sub: root.id, ver: root.ver })).token;
    return {
      storeId: s,
      from,
      to,
      orders,
      lines: counted?.lines ?? 0,
      ownerToken,
      superadminToken,
      expected: { orders: counted?.orders ?? 0, salesAmount: Number(counted?.sales ?? 0) },
      seedSeconds: (performance.now() - began) / 1000,
    };
  } finally {
    await database.close();
  }
}

async function timed(url: string, token: string): Promise<{ ms: number; status: number; body: ArrayBuffer }> {
  const began = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.arrayBuffer();
  return { ms: performance.now() - began, status: res.status, body };
}

/**
 * The owner's 366-day report and the super-admin's comparison, `repeats` times each after a
 * warm-up, one request at a time (an owner opening the page); then the 366-day CSV downloaded in
 * full `csvRepeats` times. Every answer is checked against what was seeded.
 */
export async function runSales(options: {
  url: string;
  world: SalesWorld;
  repeats: number;
  csvRepeats: number;
}): Promise<SalesRun> {
  const { url, world } = options;
  const range = `from=${world.from}&to=${world.to}`;
  const run: SalesRun = { report: [], superadmin: [], csv: [], csvBytes: 0, csvRows: 0, mismatches: [] };
  const check = (what: string, status: number, orders: number, salesAmount: number) => {
    if (status !== 200) run.mismatches.push(`${what}: HTTP ${status}`);
    else if (orders !== world.expected.orders || salesAmount !== world.expected.salesAmount) {
      run.mismatches.push(`${what}: ${orders} orders, ${salesAmount} won; seeded ${JSON.stringify(world.expected)}`);
    }
  };
  const report = () => timed(`${url}/api/v1/admin/reports/sales?${range}`, world.ownerToken);
  const comparison = () => timed(`${url}/api/v1/superadmin/reports/sales?${range}`, world.superadminToken);
  await report();
  await comparison();
  for (let r = 0; r < options.repeats; r++) {
    const answer = await report();
    run.report.push(answer.ms);
    const body = answer.status === 200 ? JSON.parse(new TextDecoder().decode(answer.body)) : null;
    check('report', answer.status, body?.totals.orders, body?.totals.salesAmount);
    const all = await comparison();
    run.superadmin.push(all.ms);
    const row =
      all.status === 200
        ? JSON.parse(new TextDecoder().decode(all.body)).stores.find(
            (s: { storeId: string }) => s.storeId === world.storeId,
          )
        : null;
    check('super-admin', all.status, row?.orders, row?.salesAmount);
  }
  for (let r = 0; r < options.csvRepeats; r++) {
    const answer = await timed(`${url}/api/v1/admin/reports/sales.csv?${range}`, world.ownerToken);
    run.csv.push(answer.ms);
    run.csvBytes = answer.body.byteLength;
    const text = new TextDecoder().decode(answer.body);
    const rows = text.split('\r\n').length - 2;
    run.csvRows = rows;
    if (answer.status !== 200 || rows !== world.lines - deletedLines(world)) {
      run.mismatches.push(`csv: HTTP ${answer.status}, ${rows} rows`);
    }
  }
  return run;
}

/** Lines of deleted orders (1 order in 97, those with n % 97 = 0), which the export leaves out. */
function deletedLines(world: SalesWorld): number {
  let lines = 0;
  for (let n = 0; n < world.orders; n += 97) lines += 1 + (n % 4);
  return lines;
}
