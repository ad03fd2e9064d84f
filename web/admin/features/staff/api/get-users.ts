import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { AdminUser } from '@contract/stores';

export function getUsers(signal?: AbortSignal) {
  return api.get<{ users: AdminUser[] }>('/admin/users', { signal });
}

export const usersQuery = queryOptions({
  queryKey: queryKeys.users,
  queryFn: ({ signal }) => getUsers(signal),
  select: (data) =>
    [...data.users].sort((a, b) =>
      a.role === b.role ? a.username.localeCompare(b.username) : a.role === 'owner' ? -1 : 1,
    ),
});

export function useUsers() {
  return useQuery(usersQuery);
}
