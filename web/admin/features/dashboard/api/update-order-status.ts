import { useMutation } from '@tanstack/react-query';
import type { Dashboard, Order, OrderStatus } from '../../../../../contract/orders';
import { queryKeys } from '../../../lib/query-keys';
import { api, queryClient } from '../../../lib/session';
import { newOrders } from '../new-orders';
import { withOrderUpdated } from './dashboard-cache';

export function updateOrderStatus(input: { orderId: string; status: OrderStatus }): Promise<Order> {
  return api.patch<Order>(`/admin/orders/${input.orderId}`, { status: input.status });
}

export function useUpdateOrderStatus() {
  return useMutation({
    mutationFn: updateOrderStatus,
    onMutate: ({ orderId }) => newOrders.acknowledge(orderId),
    onSuccess: (order) => {
      queryClient.setQueryData<Dashboard>(queryKeys.dashboard, (data) => data && withOrderUpdated(data, order));
    },
    // Someone else moved or deleted it first: show the board as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.dashboard }),
  });
}
