import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Dashboard } from '@contract/orders';
import type { EndSessionResponse } from '@contract/tables';
import { withSessionEnded } from './dashboard-cache';
import { resyncDashboard } from './resync-dashboard';

export function endSession(tableId: string): Promise<EndSessionResponse> {
  return api.post<EndSessionResponse>(`/admin/tables/${tableId}/end-session`);
}

export function useEndSession() {
  return useMutation({
    mutationFn: endSession,
    onSuccess: (result, tableId) => {
      queryClient.setQueryData<Dashboard>(
        queryKeys.dashboard,
        (data) => data && withSessionEnded(data, tableId, result.sessionId),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.history(tableId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
    },
    onError: resyncDashboard,
  });
}
