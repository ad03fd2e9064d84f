import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';

export function deleteMenu(menuId: string): Promise<void> {
  return api.delete(`/admin/menus/${menuId}`);
}

export function useDeleteMenu() {
  return useMutation({
    mutationFn: deleteMenu,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.menus }),
  });
}
