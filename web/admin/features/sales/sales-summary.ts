import type { SalesByDay, SalesByHour, SalesReport, TopMenu } from '@contract/reports';

/** The day with the most sales (the earliest of equals), or null when nothing sold. */
export function bestDay(days: SalesByDay[]): SalesByDay | null {
  return days.reduce<SalesByDay | null>((best, day) => (day.salesAmount > (best?.salesAmount ?? 0) ? day : best), null);
}

/** The hour with the most orders (then sales; the earliest of equals), or null with no orders. */
export function busiestHour(hours: SalesByHour[]): SalesByHour | null {
  return hours.reduce<SalesByHour | null>((best, hour) => {
    if (hour.orders === 0) return best;
    if (!best || hour.orders > best.orders || (hour.orders === best.orders && hour.salesAmount > best.salesAmount))
      return hour;
    return best;
  }, null);
}

/** `3/1` (month/day) for a chart's axis; the year is in the range picker. */
export function shortDate(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

/**
 * The hours worth drawing: from the first to the last with orders (a restaurant's opening hours),
 * widened to at least 10:00–22:00 so a quiet day still reads as a day.
 */
export function hoursToShow(hours: SalesByHour[]): SalesByHour[] {
  const busy = hours.filter((hour) => hour.orders > 0).map((hour) => hour.hour);
  const first = Math.min(10, ...busy);
  const last = Math.max(22, ...busy);
  return hours.filter((hour) => hour.hour >= first && hour.hour <= last);
}

/** Each top dish's share of all sales in the range, in whole percent (0 when nothing sold). */
export function shareOf(menu: TopMenu, report: SalesReport): number {
  const total = report.totals.salesAmount;
  return total > 0 ? Math.round((menu.salesAmount / total) * 100) : 0;
}
