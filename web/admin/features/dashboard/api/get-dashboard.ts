import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { Dashboard } from '@contract/orders';

export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>('/admin/dashboard', { signal });
}

export const dashboardQuery = queryOptions({
  queryKey: queryKeys.dashboard,
  queryFn: ({ signal }) => getDashboard(signal),
  select: (data: Dashboard): Dashboard => ({ tables: [...data.tables].sort((a, b) => a.number - b.number) }),
});

export function useDashboard() {
  return useQuery(dashboardQuery);
}
