import { useQueryClient } from '@tanstack/react-query';
import type { EventPayload } from '@contract/events';
import type { Cart } from '@contract/guests';
import type { TableOrders } from '@contract/orders';
import type { StreamEvent, StreamState } from '@shared/api/event-stream';
import { useEventStream } from '@shared/api/use-event-stream';
import { billQueryKey } from '../features/guest/api/table-service';
import { menuQueryKey } from '../features/menu/api/get-menu';
import { applyOrder, removeOrder, tableOrdersQueryKey } from '../features/my-orders/api/get-table-orders';
import { newerCart, sharedCartQueryKey } from '../features/shared-cart/api/get-cart';
import { api } from '../lib/api';
import { type GuestSession, guestSession } from '../lib/guest-session';

const hasOrder = (data: unknown): data is EventPayload<'order.created'> =>
  typeof (data as { order?: { id?: unknown } } | null)?.order?.id === 'string';

/**
 * A guest's phone's live stream: its visit's orders, the table's shared cart, payments and menu
 * changes, turned into query-cache updates. The visit's end (or a changed QR code) ends the phone's
 * time at the table: it shows so and never signs in again by itself.
 */
export function useGuestStream(session: GuestSession): StreamState {
  const queryClient = useQueryClient();
  const setOrders = (update: (current: TableOrders | undefined) => TableOrders | undefined) =>
    queryClient.setQueryData<TableOrders>(tableOrdersQueryKey, update);

  const onEvent = (event: StreamEvent) => {
    switch (event.type) {
      case 'order.created':
      case 'order.updated':
      case 'order.moved':
        if (hasOrder(event.data)) {
          const { order } = event.data;
          setOrders((current) => applyOrder(current, order, event.type === 'order.created' ? 'created' : 'updated'));
          void queryClient.invalidateQueries({ queryKey: billQueryKey });
        }
        break;
      case 'order.deleted': {
        const { orderId } = (event.data ?? {}) as Partial<EventPayload<'order.deleted'>>;
        if (orderId) setOrders((current) => removeOrder(current, orderId));
        void queryClient.invalidateQueries({ queryKey: billQueryKey });
        break;
      }
      case 'cart.updated': {
        const { cart } = (event.data ?? {}) as Partial<EventPayload<'cart.updated'>>;
        if (cart) queryClient.setQueryData<Cart>(sharedCartQueryKey, (current) => newerCart(current, cart));
        break;
      }
      case 'payment.created':
      case 'payment.deleted':
        void queryClient.invalidateQueries({ queryKey: billQueryKey });
        break;
      case 'session.ended': {
        const { sessionId, reason } = (event.data ?? {}) as Partial<EventPayload<'session.ended'>>;
        if (sessionId === session.sessionId && reason !== 'merged') guestSession.end('ended');
        break;
      }
      case 'session.merged':
      case 'session.moved':
      case 'resync':
        void queryClient.invalidateQueries({ queryKey: ['table'] });
        break;
      case 'menu.updated':
        void queryClient.invalidateQueries({ queryKey: menuQueryKey });
        break;
    }
  };

  return useEventStream({
    url: '/api/v1/table/stream',
    enabled: true,
    cursorKey: `tableorder.guest.cursor.${session.sessionId ?? session.table.id}`,
    getToken: () => guestSession.token(),
    onAuthError: async () => {
      // Ask once why (the answer ends the phone's session with the right reason); never sign in again.
      await api.get('/table/orders').catch(() => undefined);
      if (guestSession.get().kind === 'joined') guestSession.end('revoked');
      return false;
    },
    onEvent,
  });
}
