import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';

export function deleteTable(tableId: string): Promise<void> {
  return api.delete(`/admin/tables/${tableId}`);
}

export function useDeleteTable() {
  return useMutation({
    mutationFn: deleteTable,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
    },
  });
}
