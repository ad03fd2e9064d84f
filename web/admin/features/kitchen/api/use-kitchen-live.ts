import { useEffect, useRef } from 'react';
import { listenToAdminStream } from '@admin/lib/admin-stream-listeners';
import { queryKeys } from '@admin/lib/query-keys';
import { queryClient } from '@admin/lib/session';
import type { KitchenBoard, Station } from '@contract/kitchen';
import type { Order } from '@contract/orders';
import { kitchenEventEffects } from '../kitchen-board';

/** Applies one store event to the kitchen's caches; returns a new order it carried, if any. */
export function applyKitchenEvent(event: Parameters<typeof kitchenEventEffects>[0]): Order | null {
  const effects = kitchenEventEffects(event);
  const patch = effects.board;
  if (patch) {
    queryClient.setQueryData<KitchenBoard>(queryKeys.kitchenBoard, (board) => board && patch(board));
    // A snapshot on its way may predate this event: ask again rather than lose it.
    if (queryClient.isFetching({ queryKey: queryKeys.kitchenBoard }) > 0) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.kitchenBoard });
    }
  }
  const stationsPatch = effects.stations;
  if (stationsPatch) {
    queryClient.setQueryData<Station[]>(queryKeys.stations, (stations) => stations && stationsPatch(stations));
  }
  if (effects.refetchBoard) void queryClient.invalidateQueries({ queryKey: queryKeys.kitchenBoard });
  if (effects.refetchStations) void queryClient.invalidateQueries({ queryKey: queryKeys.stations });
  return effects.created;
}

/**
 * Keeps the kitchen's board and stations (with printer state) current from the admin stream, and
 * fetches them afresh whenever the stream (re)opens, like the dashboard. Mounted once, in the shell.
 */
export function useKitchenLive(): void {
  useEffect(
    () =>
      listenToAdminStream({
        onEvent: (event) => void applyKitchenEvent(event),
        onOpen: () => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.kitchenBoard });
          void queryClient.invalidateQueries({ queryKey: queryKeys.stations });
        },
      }),
    [],
  );
}

/** Calls `onNewOrder` for every order that arrives while mounted (the kitchen display's bell). */
export function useNewOrders(onNewOrder: (order: Order) => void): void {
  const handler = useRef(onNewOrder);
  handler.current = onNewOrder;
  useEffect(
    () =>
      listenToAdminStream({
        onEvent: (event) => {
          if (event.type !== 'order.created') return;
          const created = kitchenEventEffects(event).created;
          if (created) handler.current(created);
        },
      }),
    [],
  );
}
