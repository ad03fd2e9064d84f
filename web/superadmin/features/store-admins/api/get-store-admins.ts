import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AdminUser } from '@contract/stores';
import { queryKeys } from '@superadmin/lib/query-keys';
import { api } from '@superadmin/lib/session';

export function getStoreAdmins(storeId: string, signal?: AbortSignal) {
  return api.get<{ users: AdminUser[] }>(`/superadmin/stores/${storeId}/admins`, { signal });
}

export function storeAdminsQuery(storeId: string) {
  return queryOptions({
    queryKey: queryKeys.admins(storeId),
    queryFn: ({ signal }) => getStoreAdmins(storeId, signal),
    select: (data) =>
      [...data.users].sort((a, b) =>
        a.role === b.role ? a.username.localeCompare(b.username) : a.role === 'owner' ? -1 : 1,
      ),
  });
}

export function useStoreAdmins(storeId: string) {
  return useQuery(storeAdminsQuery(storeId));
}
