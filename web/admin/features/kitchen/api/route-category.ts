import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Category } from '@contract/menus';

/** The store's categories with their stations (the same query the menu screen uses). */
export const routingCategoriesQuery = queryOptions({
  queryKey: queryKeys.categories,
  queryFn: ({ signal }) => api.get<{ categories: Category[] }>('/admin/categories', { signal }),
  select: (data) => [...data.categories].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name)),
});

export function useRoutingCategories() {
  return useQuery(routingCategoriesQuery);
}

/** Sends a category's dishes to a station (null: the first station). */
export function routeCategory(input: { categoryId: string; stationId: string | null }) {
  return api.patch<Category>(`/admin/categories/${input.categoryId}`, { stationId: input.stationId });
}

export function useRouteCategory() {
  return useMutation({
    mutationFn: routeCategory,
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}
