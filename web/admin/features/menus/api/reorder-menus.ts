import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Menu, ReorderMenusBody } from '@contract/menus';

export function reorderMenus(body: ReorderMenusBody): Promise<void> {
  return api.put('/admin/menus/order', body);
}

/** Shows the new order at once; the server's order comes back with the refetch. */
export function useReorderMenus() {
  return useMutation({
    mutationFn: reorderMenus,
    onMutate: async ({ menuIds }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.menus });
      queryClient.setQueryData<{ menus: Menu[] }>(queryKeys.menus, (data) => {
        if (!data) return data;
        const position = new Map(menuIds.map((id, index) => [id, index]));
        return {
          menus: data.menus.map((menu) => {
            const index = position.get(menu.id);
            return index === undefined ? menu : { ...menu, sortOrder: index };
          }),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.menus }),
  });
}
