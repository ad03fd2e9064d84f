import { useMutation } from '@tanstack/react-query';
import type { Category, CreateCategoryBody } from '../../../../../contract/menus';
import { queryKeys } from '../../../lib/query-keys';
import { api, queryClient } from '../../../lib/session';

export function createCategory(body: CreateCategoryBody): Promise<Category> {
  return api.post<Category>('/admin/categories', body);
}

export function useCreateCategory() {
  return useMutation({
    mutationFn: createCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}
