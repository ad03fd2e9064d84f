import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { TableQr } from '@contract/tables';

export function getTableQr(tableId: string, signal?: AbortSignal) {
  return api.get<TableQr>(`/admin/tables/${tableId}/qr`, { signal });
}

export const tableQrQuery = (tableId: string) =>
  queryOptions({
    queryKey: queryKeys.tableQr(tableId),
    queryFn: ({ signal }) => getTableQr(tableId, signal),
    staleTime: 60_000,
  });

export function useTableQr(tableId: string | null) {
  return useQuery({ ...tableQrQuery(tableId ?? ''), enabled: tableId !== null });
}

/** A new code for the table: the printed sticker and every phone joined with the old one stop working. */
export function useRotateTableQr() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tableId: string) => api.post<TableQr>(`/admin/tables/${tableId}/qr/rotate`),
    onSuccess: (qr, tableId) => queryClient.setQueryData(queryKeys.tableQr(tableId), qr),
  });
}
