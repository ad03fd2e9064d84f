import { queryOptions, useQuery } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { api } from '@admin/lib/session';
import type { KitchenBoard } from '@contract/kitchen';

export function getKitchenBoard(signal?: AbortSignal) {
  return api.get<KitchenBoard>('/admin/kitchen/orders', { signal });
}

export const kitchenBoardQuery = queryOptions({
  queryKey: queryKeys.kitchenBoard,
  queryFn: ({ signal }) => getKitchenBoard(signal),
});

export function useKitchenBoard() {
  return useQuery(kitchenBoardQuery);
}
