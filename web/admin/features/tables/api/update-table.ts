import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Table, UpdateTableBody } from '@contract/tables';

export function updateTable(input: { tableId: string; body: UpdateTableBody }): Promise<Table> {
  return api.patch<Table>(`/admin/tables/${input.tableId}`, input.body);
}

export function useUpdateTable() {
  return useMutation({
    mutationFn: updateTable,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
    },
  });
}
