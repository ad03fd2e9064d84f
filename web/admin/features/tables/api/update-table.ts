import { useMutation } from '@tanstack/react-query';
import type { Table, UpdateTableBody } from '../../../../../contract/tables';
import { queryKeys } from '../../../lib/query-keys';
import { api, queryClient } from '../../../lib/session';

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
