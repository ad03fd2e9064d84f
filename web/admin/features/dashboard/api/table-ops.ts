import { useMutation, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Menu, OptionGroup } from '@contract/menus';
import type { CreateOrderBody, Order, VoidItemsBody } from '@contract/orders';
import type { Bill, CreatePaymentBody, Payment } from '@contract/payments';
import type { Table } from '@contract/tables';
import { resyncDashboard } from './resync-dashboard';

export const billQueryKey = (tableId: string) => ['admin', 'bill', tableId] as const;

/** After any table operation: the board, the tables list and every open bill are read again. */
function refreshAfterChange(): void {
  void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
  void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
  void queryClient.invalidateQueries({ queryKey: ['admin', 'bill'] });
  void queryClient.invalidateQueries({ queryKey: queryKeys.historyAll });
}

function tableMutation<V, R>(fn: (vars: V) => Promise<R>) {
  return () => useMutation({ mutationFn: fn, onSuccess: refreshAfterChange, onError: resyncDashboard });
}

/** A new Idempotency-Key per attempt the person makes (a retry of the same click reuses it). */
export function newKey(): string {
  return `${Date.now().toString(36)}-${crypto.randomUUID()}`;
}

export const useOpenTable = tableMutation((vars: { tableId: string; guests?: number | undefined }) =>
  api.post<Table>(`/admin/tables/${vars.tableId}/open`, vars.guests ? { guests: vars.guests } : {}),
);

export const useStaffOrder = tableMutation((vars: { tableId: string; body: CreateOrderBody; key: string }) =>
  api.post<Order>(`/admin/tables/${vars.tableId}/orders`, vars.body, { headers: { 'idempotency-key': vars.key } }),
);

export const useVoidItems = tableMutation((vars: { orderId: string; body: VoidItemsBody }) =>
  api.post<Order>(`/admin/orders/${vars.orderId}/void-items`, vars.body),
);

export const useMoveOrderToTable = tableMutation((vars: { orderId: string; tableId: string }) =>
  api.post<Order>(`/admin/orders/${vars.orderId}/move`, { tableId: vars.tableId }),
);

export const useMoveTable = tableMutation((vars: { fromTableId: string; toTableId: string }) =>
  api.post<Table>(`/admin/tables/${vars.fromTableId}/move`, { toTableId: vars.toTableId }),
);

export const useMergeTables = tableMutation((vars: { intoTableId: string; fromTableId: string }) =>
  api.post<Table>(`/admin/tables/${vars.intoTableId}/merge`, { fromTableId: vars.fromTableId }),
);

export const useRecordPayment = tableMutation((vars: { tableId: string; body: CreatePaymentBody; key: string }) =>
  api.post<Payment>(`/admin/tables/${vars.tableId}/payments`, vars.body, {
    headers: { 'idempotency-key': vars.key },
  }),
);

export const useRefundPayment = tableMutation((vars: { paymentId: string }) =>
  api.delete<void>(`/admin/payments/${vars.paymentId}`),
);

/** The table's bill, kept live by the stream's payment and order events. */
export function useBill(tableId: string | null) {
  return useQuery({
    queryKey: billQueryKey(tableId ?? ''),
    queryFn: () => api.get<Bill>(`/admin/tables/${tableId}/bill`),
    enabled: tableId !== null,
  });
}

/** The store's dishes, for taking an order at the counter. */
export function useMenusForOrder(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.menus,
    queryFn: () => api.get<{ menus: Menu[] }>('/admin/menus'),
    enabled,
  });
}

/** The store's option groups, for the option chooser of a staff order. */
export function useOptionGroupsForOrder(enabled: boolean) {
  return useQuery({
    queryKey: ['admin', 'option-groups'] as const,
    queryFn: () => api.get<{ optionGroups: OptionGroup[] }>('/admin/option-groups'),
    enabled,
  });
}
