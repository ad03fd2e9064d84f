import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Dashboard } from '../../../../../contract/orders';
import { queryKeys } from '../../../lib/query-keys';
import { api } from '../../../lib/session';

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
