import { useMutation } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { KitchenBoard } from '@contract/kitchen';
import type { Order } from '@contract/orders';
import { withOrder } from '../kitchen-board';

export function bumpOrder(input: { orderId: string; stationId: string }): Promise<Order> {
  return api.post<Order>(`/admin/orders/${input.orderId}/bump`, { stationId: input.stationId });
}

/** Bumps a ticket off a station's screen; the answer updates the board at once. */
export function useBumpOrder() {
  return useMutation({
    mutationKey: ['admin', 'kitchen', 'bump'],
    mutationFn: bumpOrder,
    onSuccess: (order) => {
      queryClient.setQueryData<KitchenBoard>(queryKeys.kitchenBoard, (board) => board && withOrder(board, order));
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.kitchenBoard }),
  });
}
