import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Category, CreateCategoryBody } from '@contract/menus';

export function createCategory(body: CreateCategoryBody): Promise<Category> {
  return api.post<Category>('/admin/categories', body);
}

export function useCreateCategory() {
  return useMutation({
    mutationFn: createCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}
