import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { Table } from '@contract/tables';

export function getTables(signal?: AbortSignal) {
  return api.get<{ tables: Table[] }>('/admin/tables', { signal });
}

export const tablesQuery = queryOptions({
  queryKey: queryKeys.tables,
  queryFn: ({ signal }) => getTables(signal),
  select: (data) => [...data.tables].sort((a, b) => a.number - b.number),
});

export function useTables() {
  return useQuery(tablesQuery);
}
