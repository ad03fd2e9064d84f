import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { SalesReport } from '@contract/reports';
import type { DateRange } from '@shared/lib/date-ranges';

/** Orders keep coming while the page is open: the figures are read again this often. */
export const SALES_REFRESH_MS = 60_000;

/** `?from&to`, or nothing for the server's default (today in the store's time zone). */
export function rangeQuery(range: DateRange | null): string {
  return range ? `?${new URLSearchParams({ from: range.from, to: range.to })}` : '';
}

export function getSalesReport(range: DateRange | null, signal?: AbortSignal) {
  return api.get<SalesReport>(`/admin/reports/sales${rangeQuery(range)}`, { signal });
}

export function salesReportQuery(range: DateRange | null) {
  return queryOptions({
    queryKey: [...queryKeys.sales, range?.from ?? 'today', range?.to ?? 'today'],
    queryFn: ({ signal }) => getSalesReport(range, signal),
    placeholderData: keepPreviousData,
    refetchInterval: SALES_REFRESH_MS,
  });
}

/** The owner's sales over `range` (null: today, in the store's time zone). */
export function useSalesReport(range: DateRange | null) {
  return useQuery(salesReportQuery(range));
}
