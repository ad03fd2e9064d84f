import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { CreateTableBody, Table } from '@contract/tables';

export function createTable(body: CreateTableBody): Promise<Table> {
  return api.post<Table>('/admin/tables', body);
}

export function useCreateTable() {
  return useMutation({
    mutationFn: createTable,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
    },
  });
}
