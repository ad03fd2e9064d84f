import { useMutation, useMutationState } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api, queryClient } from '@admin/lib/session';
import type { Dashboard, Order, OrderStatus } from '@contract/orders';
import { newOrders } from '../new-orders';
import { withOrderUpdated } from './dashboard-cache';
import { resyncDashboard } from './resync-dashboard';

interface StatusChange {
  orderId: string;
  status: OrderStatus;
}

const mutationKey = ['admin', 'order-status'] as const;

export function updateOrderStatus(input: StatusChange): Promise<Order> {
  return api.patch<Order>(`/admin/orders/${input.orderId}`, { status: input.status });
}

export function useUpdateOrderStatus() {
  return useMutation({
    mutationKey,
    mutationFn: updateOrderStatus,
    onMutate: ({ orderId }) => newOrders.acknowledge([orderId]),
    onSuccess: (order) => {
      queryClient.setQueryData<Dashboard>(queryKeys.dashboard, (data) => data && withOrderUpdated(data, order));
    },
    onError: resyncDashboard,
  });
}

/** The status an order is being moved to right now (from any card or dialog), or null. */
export function useMovingTo(orderId: string | null): OrderStatus | null {
  const moving = useMutationState({
    filters: {
      mutationKey,
      status: 'pending',
      predicate: (m) => (m.state.variables as StatusChange)?.orderId === orderId,
    },
    select: (m) => (m.state.variables as StatusChange).status,
  });
  return moving[0] ?? null;
}

/**
 * Moves orders one step with one tap each. Moves are forward-only on the server, so a second tap
 * on the same order while the first is on its way would only earn a conflict: it is ignored.
 * Different orders move in parallel.
 */
export function useMoveOrder(onError: (error: unknown) => void) {
  const mutation = useUpdateOrderStatus();
  return (change: StatusChange) => {
    // The mutation is in the cache as pending synchronously, so this holds against a double tap.
    const busy = queryClient.isMutating({
      mutationKey,
      predicate: (m) => (m.state.variables as StatusChange | undefined)?.orderId === change.orderId,
    });
    if (busy > 0) return;
    mutation.mutateAsync(change).catch(onError);
  };
}
