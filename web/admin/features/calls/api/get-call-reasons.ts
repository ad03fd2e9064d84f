import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { CallReasonList } from '@contract/calls';

export function getCallReasons(signal?: AbortSignal): Promise<CallReasonList> {
  return api.get<CallReasonList>('/admin/call-reasons', { signal });
}

/** The store's presets in order; `menu.updated` on the stream refetches them (another screen saved). */
export const callReasonsQuery = queryOptions({
  queryKey: queryKeys.callReasons,
  queryFn: async ({ signal }) => (await getCallReasons(signal)).reasons,
});

export function useCallReasons() {
  return useQuery(callReasonsQuery);
}
