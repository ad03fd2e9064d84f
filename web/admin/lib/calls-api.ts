import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { Call, CallList, CallStatus } from '@contract/calls';
import { type CallFilter, withCall } from './calls-cache';
import { queryKeys } from './query-keys';
import { api, queryClient } from './session';

/**
 * Staff calls as every part of the staff app reads them: the dashboard's cards, the calls screen
 * and the tab title share one cache, which the store's stream keeps current (see `learnCall`).
 */
export function getCalls(status: CallStatus | undefined, signal?: AbortSignal): Promise<CallList> {
  return api.get<CallList>(`/admin/calls${status ? `?status=${status}` : ''}`, { signal });
}

export const callsQuery = (filter: CallFilter) =>
  queryOptions({
    queryKey: queryKeys.calls(filter),
    queryFn: async ({ signal }) => (await getCalls(filter === 'all' ? undefined : filter, signal)).calls,
  });

/** Every open call of the store, newest first. */
export function useOpenCalls() {
  return useQuery(callsQuery('open'));
}

/** Puts what the server said about a call into every cached list of calls. */
export function learnCall(call: Call): void {
  for (const filter of ['open', 'done', 'all'] as const) {
    queryClient.setQueryData<Call[]>(queryKeys.calls(filter), (list) => withCall(list, call, filter));
  }
}

export function markCallDone(callId: string): Promise<Call> {
  return api.post<Call>(`/admin/calls/${callId}/done`);
}

/** One tap marks a call done; the card and the lists change at once, the stream confirms it. */
export function useMarkCallDone(onError?: (error: unknown) => void) {
  return useMutation({
    mutationFn: markCallDone,
    onSuccess: learnCall,
    onError: (error) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.callsAll });
      onError?.(error);
    },
  });
}
