import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { HistoryResponse } from '@contract/orders';

export interface HistoryRange {
  from: string;
  to: string;
}

export function getTableHistory(tableId: string, range: Partial<HistoryRange>, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (range.from) params.set('from', range.from);
  if (range.to) params.set('to', range.to);
  const query = params.size > 0 ? `?${params}` : '';
  return api.get<HistoryResponse>(`/admin/tables/${tableId}/history${query}`, { signal });
}

export function tableHistoryQuery(tableId: string, range: Partial<HistoryRange>) {
  return queryOptions({
    queryKey: [...queryKeys.history(tableId), range.from ?? '', range.to ?? ''],
    queryFn: ({ signal }) => getTableHistory(tableId, range, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTableHistory(tableId: string, range: Partial<HistoryRange>, enabled = true) {
  return useQuery({ ...tableHistoryQuery(tableId, range), enabled });
}
