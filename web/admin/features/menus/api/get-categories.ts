import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { Category } from '@contract/menus';

export function getCategories(signal?: AbortSignal) {
  return api.get<{ categories: Category[] }>('/admin/categories', { signal });
}

export const categoriesQuery = queryOptions({
  queryKey: queryKeys.categories,
  queryFn: ({ signal }) => getCategories(signal),
  select: (data) => sortCategories(data.categories),
});

export function sortCategories(categories: Category[]): Category[] {
  return [...categories].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
}

export function useCategories() {
  return useQuery(categoriesQuery);
}
