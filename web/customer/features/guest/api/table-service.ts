import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CreateCallBody } from '@contract/calls';
import type { Bill } from '@contract/payments';
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
