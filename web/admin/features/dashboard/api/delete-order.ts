import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Dashboard } from '@contract/orders';
import { withOrderDeleted } from './dashboard-cache';
import { resyncDashboard } from './resync-dashboard';

export function deleteOrder(orderId: string): Promise<void> {
  return api.delete(`/admin/orders/${orderId}`);
}

/** Removes the order and its amount from the board at once; puts them back if the server refuses. */
export function useDeleteOrder() {
  return useMutation({
    mutationFn: ({ orderId }: { orderId: string; tableId: string }) => deleteOrder(orderId),
    onMutate: async ({ orderId, tableId }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.dashboard });
      const previous = queryClient.getQueryData<Dashboard>(queryKeys.dashboard);
      if (previous) queryClient.setQueryData(queryKeys.dashboard, withOrderDeleted(previous, tableId, orderId));
      return { previous };
    },
    onError: (error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.dashboard, context.previous);
      resyncDashboard(error);
    },
  });
}
