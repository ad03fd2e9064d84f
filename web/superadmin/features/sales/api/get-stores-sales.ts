import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { StoresSalesReport } from '@contract/reports';
import type { DateRange } from '@shared/lib/date-ranges';
import { queryKeys } from '@superadmin/lib/query-keys';
import { api } from '@superadmin/lib/session';

export function getStoresSales(range: DateRange, signal?: AbortSignal) {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  return api.get<StoresSalesReport>(`/superadmin/reports/sales?${query}`, { signal });
}

export function storesSalesQuery(range: DateRange) {
  return queryOptions({
    queryKey: [...queryKeys.sales, range.from, range.to],
    queryFn: ({ signal }) => getStoresSales(range, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Every store's orders and sales over the same dates, each in its own time zone. */
export function useStoresSales(range: DateRange) {
  return useQuery(storesSalesQuery(range));
}
