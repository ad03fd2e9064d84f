import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { CallReasonList, PutCallReasonsBody } from '@contract/calls';
import type { CallReason } from '@contract/menus';

/** Replaces the whole list, in order: reasons sent with their id keep it. */
export function saveCallReasons(body: PutCallReasonsBody): Promise<CallReasonList> {
  return api.put<CallReasonList>('/admin/call-reasons', body);
}

export function useSaveCallReasons() {
  return useMutation({
    mutationFn: saveCallReasons,
    onSuccess: (result) => queryClient.setQueryData<CallReason[]>(queryKeys.callReasons, result.reasons),
  });
}
