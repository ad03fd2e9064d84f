import { eq, type SQL, sql } from 'drizzle-orm';
import { PAYMENT_METHODS, type PaymentMethod } from '../../../contract/payments.js';
import {
  addDays,
  daysInRange,
  rangeProblem,
  type SalesQuery,
  type SalesReport,
  type StoreSales,
  type StoresSalesReport,
  type TopMenu,
} from '../../../contract/reports.js';
import { type Db, rowsOf } from '../../db/client.js';
import { type ItemOption, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import { type CsvLine, csvHead, csvRow } from './reports.csv.js';

const TOP_MENUS = 10;
/** Orders per page of the CSV export: a page is one query, its lines one chunk of the answer. */
const CSV_PAGE_ORDERS = 2_000;

/** A day as the store's wall calendar shows it at `at`. */
export function localDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, part) => Object.assign(all, { [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The dates a query asks for, defaults filled from `today` (the store's): `to` defaults to today,
 * `from` to `to`. A range the query string could not check alone (one end defaulted) is checked
 * here with the same rule and the same answer, 400 VALIDATION_FAILED naming the field.
 */
export function resolveRange(query: SalesQuery, today: string): { from: string; to: string } {
  const to = query.to ?? today;
  const from = query.from ?? to;
  const problem = rangeProblem(from, to);
  if (problem) {
    throw validationFailed(problem.message, {
      fields: [{ path: `querystring.${problem.path}`, message: problem.message }],
    });
  }
  return { from, to };
}

/** A whole-won sum read as text (bigint on the way out of SQL), as an exact JavaScript number. */
function won(value: string | number | null | undefined): number {
  const amount = Number(value ?? 0);
  if (!Number.isSafeInteger(amount)) throw new Error(`a sum of won out of range: ${String(value)}`);
  return amount;
}

/**
 * The start and end (exclusive) of a store's days `from`..`to` as instants: midnight of `from`
 * and of the day after `to` on the store's clock, whatever the offset (or a DST change) that day.
 */
function rangeOf(column: SQL, from: string, to: string, timezone: string): SQL {
  return sql`${column} >= (${from}::date::timestamp at time zone ${timezone})
    and ${column} < ((${to}::date + 1)::timestamp at time zone ${timezone})`;
}

interface CellRow {
  day: string;
  hour: number;
  orders: number;
  sales: string;
}

interface MenuRow {
  menu_id: string;
  name: string;
  quantity: number;
  sales: string;
  last_at: string;
}

interface CsvRow {
  ordered_at: string;
  cursor_at: string;
  order_id: string;
  table_number: number;
  order_no: number;
  source: CsvLine['source'];
  /** The line's columns are null for an order without lines (none is written; the page still counts it). */
  name: string | null;
  options: ItemOption[];
  note: string | null;
  quantity: number;
  voided_quantity: number;
  unit_price: string;
  subtotal: string;
}

/**
 * Owners' and the super-admin's sales figures: read-only, straight from the orders (live and
 * archived in one table), visits and payments, in each store's own time zone. Sums are bigint in
 * SQL and exact integers here.
 */
export function createReportReads(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function storeOf(storeId: string) {
    const [store] = await db
      .select({ code: stores.code, timezone: stores.timezone })
      .from(stores)
      .where(eq(stores.id, storeId));
    if (!store) throw notFound('store');
    return store;
  }

  /** The store's sales over its days `from`..`to` (§13, §14). */
  async function sales(storeId: string, query: SalesQuery): Promise<SalesReport> {
    const { timezone } = await storeOf(storeId);
    const { from, to } = resolveRange(query, localDate(clock.now(), timezone));
    // The four queries run side by side (on PostgreSQL, on four pooled connections): the days,
    // hours and totals come from one of them and always add up; the dishes, visits and payments
    // are facts of their own, read at the same moment give or take an order.
    const [cells, menuRows, visits, paymentRows] = await Promise.all([
      // Counted in quarter hours first, then placed on the store's clock: every time zone's offset
      // is a whole number of quarter hours, and a year of orders has some 15,000 quarters with
      // orders in them to convert instead of 200,000 orders.
      db
        .execute(sql`
            select to_char(q.slot at time zone ${timezone}, 'YYYY-MM-DD') as day,
                   extract(hour from q.slot at time zone ${timezone})::int as hour,
                   sum(q.orders)::int as orders, sum(q.sales)::text as sales
            from (
              select date_bin('15 minutes', created_at, '2000-01-01T00:00:00Z') as slot,
                     count(*) as orders, sum(total_amount) as sales
              from orders
              where store_id = ${storeId} and deleted_at is null
                and ${rangeOf(sql`created_at`, from, to, timezone)}
              group by 1
            ) q
            group by 1, 2`)
        .then((result) => rowsOf<CellRow>(result)),
      // Grouped by name too: a dish renamed within the range is named as on its latest order.
      db
        .execute(sql`
            select i.menu_id, i.name, sum(i.quantity - i.voided_quantity)::int as quantity,
                   sum(i.subtotal)::text as sales,
                   to_char(max(o.created_at) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || lpad(max(o.order_no)::text, 10, '0') as last_at
            from orders o
            join order_items i on i.order_id = o.id
            where o.store_id = ${storeId} and o.deleted_at is null
              and ${rangeOf(sql`o.created_at`, from, to, timezone)}
            group by i.menu_id, i.name`)
        .then((result) => rowsOf<MenuRow>(result)),
      db
        .execute(sql`
            select count(*)::int as sessions, coalesce(sum(guests), 0)::text as guests
            from table_sessions
            where store_id = ${storeId} and close_reason is distinct from 'merged'
              and ${rangeOf(sql`opened_at`, from, to, timezone)}`)
        .then((result) => rowsOf<{ sessions: number; guests: string }>(result)[0]),
      db
        .execute(sql`
            select method, sum(amount)::text as amount, count(*)::int as count
            from payments
            where store_id = ${storeId} and refunded_at is null
              and ${rangeOf(sql`created_at`, from, to, timezone)}
            group by method`)
        .then((result) => rowsOf<{ method: PaymentMethod; amount: string; count: number }>(result)),
    ]);
    return assemble({ from, to, timezone, cells, menuRows, visits, paymentRows });
  }

  /**
   * Every store's orders and sales over the same dates, each in its own time zone; with a date
   * missing, each store's own today fills it.
   */
  async function storesSales(query: SalesQuery): Promise<StoresSalesReport> {
    const list = await db
      .select({
        id: stores.id,
        code: stores.code,
        name: stores.name,
        timezone: stores.timezone,
        isActive: stores.isActive,
      })
      .from(stores);
    const now = clock.now();
    const ranges = list.map((store) => ({ storeId: store.id, ...resolveRange(query, localDate(now, store.timezone)) }));
    const rows = rowsOf<{ store_id: string; orders: number; sales: string }>(
      await db.execute(sql`
        select r."storeId" as store_id, count(o.id)::int as orders, coalesce(sum(o.total_amount), 0)::text as sales
        from jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb) as r("storeId" uuid, "from" date, "to" date)
        join stores s on s.id = r."storeId"
        left join orders o on o.store_id = r."storeId" and o.deleted_at is null
          and o.created_at >= (r."from"::timestamp at time zone s.timezone)
          and o.created_at < ((r."to" + 1)::timestamp at time zone s.timezone)
        group by r."storeId"`),
    );
    const figures = new Map(rows.map((row) => [row.store_id, row]));
    const result: StoreSales[] = list.map((store, index) => {
      const row = figures.get(store.id);
      const orders = row?.orders ?? 0;
      const salesAmount = won(row?.sales);
      const range = ranges[index] as (typeof ranges)[number];
      return {
        storeId: store.id,
        code: store.code,
        name: store.name,
        timezone: store.timezone,
        isActive: store.isActive,
        from: range.from,
        to: range.to,
        orders,
        salesAmount,
        averageOrderAmount: orders === 0 ? 0 : Math.floor(salesAmount / orders),
      };
    });
    result.sort((a, b) => b.salesAmount - a.salesAmount || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { stores: result };
  }

  /**
   * The CSV export (§14): one row per order line of every non-deleted order in the range, oldest
   * first, in pages of CSV_PAGE_ORDERS orders so a year of a busy store streams in constant
   * memory. The first page is read before anything is sent, so a failure there is still a proper
   * error answer; a later failure cuts the download short (the client sees a broken transfer).
   */
  async function salesCsv(storeId: string, query: SalesQuery) {
    const { code, timezone } = await storeOf(storeId);
    const { from, to } = resolveRange(query, localDate(clock.now(), timezone));

    async function page(after: { at: string; id: string } | null): Promise<CsvRow[]> {
      const keyset = after
        ? sql`and created_at >= ${after.at}::timestamptz and (created_at, id) > (${after.at}::timestamptz, ${after.id}::uuid)`
        : sql``;
      return rowsOf<CsvRow>(
        await db.execute(sql`
          with page as (
            select id, created_at, table_number, order_no, source
            from orders
            where store_id = ${storeId} and deleted_at is null
              and ${rangeOf(sql`created_at`, from, to, timezone)}
              ${keyset}
            order by created_at, id
            limit ${CSV_PAGE_ORDERS}
          )
          select to_char(p.created_at at time zone ${timezone}, 'YYYY-MM-DD HH24:MI:SS') as ordered_at,
                 to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at,
                 p.id as order_id, p.table_number, p.order_no, p.source,
                 i.name, i.options, i.note, i.quantity, i.voided_quantity,
                 i.unit_price::text as unit_price, i.subtotal::text as subtotal
          from page p
          left join order_items i on i.order_id = p.id
          order by p.created_at, p.id, i.line_no`),
      );
    }

    const render = (rows: CsvRow[]) =>
      rows
        .map((row) =>
          row.name === null
            ? ''
            : csvRow({
                orderedAt: row.ordered_at,
                tableNumber: row.table_number,
                orderNo: row.order_no,
                name: row.name,
                options: row.options,
                note: row.note,
                quantity: row.quantity,
                voidedQuantity: row.voided_quantity,
                unitPrice: won(row.unit_price),
                subtotal: won(row.subtotal),
                source: row.source,
              }),
        )
        .join('');
    const ordersIn = (rows: CsvRow[]) => new Set(rows.map((row) => row.order_id)).size;

    const first = await page(null);
    async function* chunks(): AsyncGenerator<string> {
      yield csvHead() + render(first);
      let rows = first;
      while (ordersIn(rows) === CSV_PAGE_ORDERS) {
        const last = rows[rows.length - 1] as CsvRow;
        rows = await page({ at: last.cursor_at, id: last.order_id });
        if (rows.length > 0) yield render(rows);
      }
    }
    return { filename: `sales-${code}-${from}-${to}.csv`, from, to, chunks: chunks() };
  }

  return { sales, storesSales, salesCsv };
}

export type ReportReads = ReturnType<typeof createReportReads>;

/** The report's shape from the grouped rows: every day of the range, 24 hours, the top dishes. */
function assemble(input: {
  from: string;
  to: string;
  timezone: string;
  cells: CellRow[];
  menuRows: MenuRow[];
  visits: { sessions: number; guests: string } | undefined;
  paymentRows: Array<{ method: PaymentMethod; amount: string; count: number }>;
}): SalesReport {
  const { from, to, timezone } = input;
  const byDay = Array.from({ length: daysInRange(from, to) }, (_, i) => ({
    date: addDays(from, i),
    orders: 0,
    salesAmount: 0,
  }));
  const dayIndex = new Map(byDay.map((day, i) => [day.date, i]));
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, orders: 0, salesAmount: 0 }));
  let orders = 0;
  let salesAmount = 0;
  for (const cell of input.cells) {
    const amount = won(cell.sales);
    const day = byDay[dayIndex.get(cell.day) ?? -1];
    const hour = byHour[cell.hour];
    if (!day || !hour) throw new Error(`an order outside the report's days: ${cell.day} ${cell.hour}h`);
    day.orders += cell.orders;
    day.salesAmount += amount;
    hour.orders += cell.orders;
    hour.salesAmount += amount;
    orders += cell.orders;
    salesAmount += amount;
  }

  const menus = new Map<string, TopMenu & { lastAt: string }>();
  for (const row of input.menuRows) {
    const seen = menus.get(row.menu_id);
    const amount = won(row.sales);
    if (!seen) {
      menus.set(row.menu_id, {
        menuId: row.menu_id,
        name: row.name,
        quantity: row.quantity,
        salesAmount: amount,
        lastAt: row.last_at,
      });
      continue;
    }
    seen.quantity += row.quantity;
    seen.salesAmount += amount;
    if (row.last_at > seen.lastAt) Object.assign(seen, { name: row.name, lastAt: row.last_at });
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const topMenus = [...menus.values()]
    // A dish voided whole sold nothing; a free dish that went out did.
    .filter((menu) => menu.quantity > 0)
    .sort((a, b) => b.salesAmount - a.salesAmount || byName(a.name, b.name) || byName(a.menuId, b.menuId))
    .slice(0, TOP_MENUS)
    .map(({ lastAt: _lastAt, ...menu }) => menu);

  const payments = input.paymentRows
    .map((row) => ({ method: row.method, amount: won(row.amount), count: row.count }))
    .sort((a, b) => b.amount - a.amount || PAYMENT_METHODS.indexOf(a.method) - PAYMENT_METHODS.indexOf(b.method));

  return {
    from,
    to,
    timezone,
    totals: {
      orders,
      salesAmount,
      sessions: input.visits?.sessions ?? 0,
      guests: won(input.visits?.guests),
      averageOrderAmount: orders === 0 ? 0 : Math.floor(salesAmount / orders),
    },
    byDay,
    byHour,
    topMenus,
    payments,
  };
}
