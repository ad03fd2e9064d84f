import { z } from 'zod';
import { Id, LocalDate, Won } from './common.js';
import { PaymentMethod } from './payments.js';

/** The longest range a sales report covers, in days, both ends included: a leap year. */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both included (1 for a single day); dates as YYYY-MM-DD. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The date `days` after (or before) `date`, as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether a range is one a report answers: `from` ≤ `to`, at most MAX_REPORT_DAYS days. */
export function rangeProblem(from: string, to: string): { path: 'from' | 'to'; message: string } | null {
  const days = daysInRange(from, to);
  if (days < 1) return { path: 'from', message: '`from` must not be after `to`' };
  if (days > MAX_REPORT_DAYS) {
    return { path: 'to', message: `a report covers at most ${MAX_REPORT_DAYS} days` };
  }
  return null;
}

/**
 * The days a report covers, in the store's time zone, both included. A missing `to` is today; a
 * missing `from` is the same day as `to` (so no dates at all is today, and `from` alone runs to
 * today).
 */
export const SalesQuery = z.object({ from: LocalDate.optional(), to: LocalDate.optional() }).superRefine((q, ctx) => {
  if (!q.from || !q.to) return;
  const problem = rangeProblem(q.from, q.to);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
});
export type SalesQuery = z.infer<typeof SalesQuery>;

export const SalesTotals = z.object({
  /** Orders created in the range, not deleted; an order voided to 0 still counts. */
  orders: z.number().int(),
  /** Σ of those orders' totals, net of voids, to the won. */
  salesAmount: Won,
  /** Visits opened in the range, leaving out those merged into another (합석). */
  sessions: z.number().int(),
  /** Σ of those visits' guest counts, where someone gave one. */
  guests: z.number().int(),
  /** floor(salesAmount / orders), 0 when there are none. */
  averageOrderAmount: Won,
});
export type SalesTotals = z.infer<typeof SalesTotals>;

export const SalesByDay = z.object({ date: LocalDate, orders: z.number().int(), salesAmount: Won });
export type SalesByDay = z.infer<typeof SalesByDay>;

export const SalesByHour = z.object({
  hour: z.number().int().min(0).max(23),
  orders: z.number().int(),
  salesAmount: Won,
});
export type SalesByHour = z.infer<typeof SalesByHour>;

export const TopMenu = z.object({
  menuId: Id,
  /** The dish's name on its latest order in the range. */
  name: z.string(),
  /** Portions sold, net of voids. */
  quantity: z.number().int(),
  salesAmount: Won,
});
export type TopMenu = z.infer<typeof TopMenu>;

export const SalesByPayment = z.object({
  method: PaymentMethod,
  amount: Won,
  /** How many payments (refunded ones left out). */
  count: z.number().int(),
});
export type SalesByPayment = z.infer<typeof SalesByPayment>;

/**
 * A store's sales over whole days of its time zone: every non-deleted order created in the range,
 * live or archived, net of voids. `byDay` lists every date of the range (zeros included), `byHour`
 * the 24 hours summed over the range, `topMenus` the 10 best sellers by sales (ties by name),
 * `payments` what was paid in the range (refunds left out), by method, largest first.
 */
export const SalesReport = z.object({
  from: LocalDate,
  to: LocalDate,
  timezone: z.string(),
  totals: SalesTotals,
  byDay: z.array(SalesByDay),
  byHour: z.array(SalesByHour),
  topMenus: z.array(TopMenu),
  payments: z.array(SalesByPayment),
});
export type SalesReport = z.infer<typeof SalesReport>;

/** One store in the super-admin's comparison, over the same dates in its own time zone. */
export const StoreSales = z.object({
  storeId: Id,
  code: z.string(),
  name: z.string(),
  timezone: z.string(),
  isActive: z.boolean(),
  /** The dates this store's figures cover (the query's, or today in its own time zone). */
  from: LocalDate,
  to: LocalDate,
  orders: z.number().int(),
  salesAmount: Won,
  averageOrderAmount: Won,
});
export type StoreSales = z.infer<typeof StoreSales>;

/** Every store, by sales (largest first, then by code). */
export const StoresSalesReport = z.object({ stores: z.array(StoreSales) });
export type StoresSalesReport = z.infer<typeof StoresSalesReport>;

/** The CSV export's header row (§14), in order. */
export const SALES_CSV_HEADER = [
  '주문일시',
  '테이블',
  '주문번호',
  '메뉴',
  '옵션',
  '요청사항',
  '수량',
  '취소수량',
  '단가',
  '금액',
  '주문경로',
] as const;
