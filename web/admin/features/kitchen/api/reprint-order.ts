import { useMutation } from '@tanstack/react-query';
import { api } from '@admin/lib/session';
import type { PrintResponse } from '@contract/kitchen';

export function reprintOrder(input: { orderId: string; stationId?: string }): Promise<PrintResponse> {
  return api.post<PrintResponse>(
    `/admin/orders/${input.orderId}/print`,
    input.stationId ? { stationId: input.stationId } : {},
  );
}

export function useReprintOrder() {
  return useMutation({ mutationKey: ['admin', 'kitchen', 'reprint'], mutationFn: reprintOrder });
}
