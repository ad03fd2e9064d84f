import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Category } from '@contract/menus';

/**
 * Categories have no bulk reorder endpoint: each one whose position changed gets its index as
 * sortOrder. The list shows the new order at once and is refetched afterwards either way.
 */
export async function reorderCategories(ordered: Category[]): Promise<void> {
  for (const [index, category] of ordered.entries()) {
    if (category.sortOrder !== index) {
      await api.patch(`/admin/categories/${category.id}`, { sortOrder: index });
    }
  }
}

export function useReorderCategories() {
  return useMutation({
    mutationFn: reorderCategories,
    onMutate: async (ordered) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.categories });
      queryClient.setQueryData(queryKeys.categories, {
        categories: ordered.map((category, index) => ({ ...category, sortOrder: index })),
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.categories }),
  });
}
