import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TableMenu, TableMenuItem } from '@contract/menus';
import { api } from '@customer/lib/api';

export const menuQueryKey = ['table', 'menu'] as const;

/** The server answers with an ETag; the browser revalidates and hands back its cached copy on 304. */
export function getMenu(): Promise<TableMenu> {
  return api.get<TableMenu>('/table/menu');
}

export const menuQueryOptions = queryOptions({
  queryKey: menuQueryKey,
  queryFn: getMenu,
  // menu.updated on the table stream invalidates it; this only bounds a missed event.
  staleTime: 5 * 60_000,
});

export function useMenu() {
  return useQuery(menuQueryOptions);
}

/** Every dish by id, for carts and orders that only hold ids. */
export function menusById(menu: TableMenu | undefined): Map<string, TableMenuItem> {
  const map = new Map<string, TableMenuItem>();
  for (const category of menu?.categories ?? []) for (const item of category.menus) map.set(item.id, item);
  return map;
}
