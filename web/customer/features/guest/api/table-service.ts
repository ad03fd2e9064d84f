import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CreateCallBody } from '@contract/calls';
import type { Bill } from '@contract/payments';
import type { CurrentTableSession, TableSession } from '@contract/tables';
import { api } from '@customer/lib/api';

export const billQueryKey = ['table', 'bill'] as const;

/** What the visit owes so far (GET /table/bill). */
export const billQueryOptions = queryOptions({
  queryKey: billQueryKey,
  queryFn: () => api.get<Bill>('/table/bill'),
  retry: false,
});

export function useBill(enabled: boolean) {
  return useQuery({ ...billQueryOptions, enabled });
}

/** Calls staff to the table (POST /table/calls). */
export function callStaff(body: CreateCallBody): Promise<unknown> {
  return api.post('/table/calls', body);
}

export const tableSessionQueryKey = ['table', 'session'] as const;

/**
 * The table's open visit, for its tablet: the PIN guests' phones type when the store requires one.
 * Visits open and close without the tablet's stream always saying so (a phone opening the table),
 * so it is also read again every half minute.
 */
export function useTableSession() {
  return useQuery({
    queryKey: tableSessionQueryKey,
    queryFn: () => api.get<CurrentTableSession>('/table/session'),
    refetchInterval: 30_000,
  });
}

/**
 * The tablet opens its table's visit with the guest count (POST /table/open). 409
 * TABLE_HAS_OPEN_SESSION means staff (or a phone) opened it first: the caller just carries on.
 */
export function openTable(guests: number): Promise<TableSession> {
  return api.post<TableSession>('/table/open', { guests });
}
