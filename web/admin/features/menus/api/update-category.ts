import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Category, UpdateCategoryBody } from '@contract/menus';

export function updateCategory(input: { categoryId: string; body: UpdateCategoryBody }): Promise<Category> {
  return api.patch<Category>(`/admin/categories/${input.categoryId}`, input.body);
}

export function useUpdateCategory() {
  return useMutation({
    mutationFn: updateCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}
