import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { Menu } from '@contract/menus';

export function getMenus(signal?: AbortSignal) {
  return api.get<{ menus: Menu[] }>('/admin/menus', { signal });
}

export const menusQuery = queryOptions({
  queryKey: queryKeys.menus,
  queryFn: ({ signal }) => getMenus(signal),
  select: (data) => [...data.menus].sort((a, b) => a.sortOrder - b.sortOrder),
});

export function useMenus() {
  return useQuery(menusQuery);
}
