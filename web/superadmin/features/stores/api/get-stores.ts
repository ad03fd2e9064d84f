import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Store } from '@contract/stores';
import { queryKeys } from '@superadmin/lib/query-keys';
import { api } from '@superadmin/lib/session';

export function getStores(signal?: AbortSignal) {
  return api.get<{ stores: Store[] }>('/superadmin/stores', { signal });
}

export const storesQuery = queryOptions({
  queryKey: queryKeys.stores,
  queryFn: ({ signal }) => getStores(signal),
  select: (data) => [...data.stores].sort((a, b) => a.code.localeCompare(b.code)),
});

export function useStores() {
  return useQuery(storesQuery);
}
