import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '@contract/events';
import type { Cart } from '@contract/guests';
import type { TableOrders } from '@contract/orders';
import type { StreamEvent, StreamState } from '@shared/api/event-stream';
import { useEventStream } from '@shared/api/use-event-stream';
import { callOutbox } from '../features/calls/stores/call-outbox';
import { cart } from '../features/cart/stores/cart-store';
import { billQueryKey, tableSessionQueryKey } from '../features/guest/api/table-service';
import { menuQueryKey } from '../features/menu/api/get-menu';
import { applyOrder, endSession, removeOrder, tableOrdersQueryKey } from '../features/my-orders/api/get-table-orders';
import { orderOutbox } from '../features/order/stores/order-outbox';
import { newerCart, sharedCartQueryKey } from '../features/shared-cart/api/get-cart';
import { DeviceLockedError, device, type TableInfo } from '../lib/device';
import { notify } from '../lib/notify';

const hasCall = (data: unknown): data is EventPayload<'call.created'> =>
  typeof (data as { call?: { id?: unknown } } | null)?.call?.id === 'string';

const hasOrder = (data: unknown): data is EventPayload<'order.created'> =>
  typeof (data as { order?: { id?: unknown } } | null)?.order?.id === 'string';

/**
 * The table's live stream: orders of this table and its session, and menu changes, turned into
 * query-cache updates. The shared client resumes with Last-Event-ID after any drop.
 */
export function useTableStream(table: TableInfo | null): StreamState {
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  const setOrders = (update: (current: TableOrders | undefined) => TableOrders | undefined) =>
    queryClient.setQueryData<TableOrders>(tableOrdersQueryKey, update);

  const onEvent = (event: StreamEvent) => {
    switch (event.type) {
      case 'order.created':
      case 'order.updated':
        if (hasOrder(event.data)) {
          const { order } = event.data;
          setOrders((current) => applyOrder(current, order, event.type === 'order.created' ? 'created' : 'updated'));
          // A first order opens a visit, with a new PIN for guests' phones.
          if (event.type === 'order.created') void queryClient.invalidateQueries({ queryKey: tableSessionQueryKey });
        }
        break;
      case 'order.deleted': {
        const { orderId } = (event.data ?? {}) as Partial<EventPayload<'order.deleted'>>;
        if (orderId) setOrders((current) => removeOrder(current, orderId));
        break;
      }
      case 'session.ended': {
        const { sessionId, reason } = (event.data ?? {}) as Partial<EventPayload<'session.ended'>>;
        if (sessionId) setOrders((current) => endSession(current, sessionId));
        void queryClient.invalidateQueries({ queryKey: tableSessionQueryKey });
        // The guests have left: what they put in the cart without ordering is not for the next guests.
        if (!orderOutbox.store.get().pending) cart.clearLocal();
        callOutbox.visitEnded();
        // A merge already said where the visit went.
        if (reason !== 'merged') notify(t('myOrders.sessionEnded'), 'orange', 4_000);
        break;
      }
      case 'order.moved': {
        // Staff moved an order in or out of this table: read the visit again.
        void queryClient.invalidateQueries({ queryKey: tableOrdersQueryKey });
        void queryClient.invalidateQueries({ queryKey: billQueryKey });
        void queryClient.invalidateQueries({ queryKey: tableSessionQueryKey });
        break;
      }
      case 'session.moved':
      case 'session.merged': {
        // A fixed tablet shows its own table: the visit that left it leaves the screen (back to the
        // empty menu); the visit that came (or grew) is read again.
        const data = (event.data ?? {}) as Partial<EventPayload<'session.moved'> & EventPayload<'session.merged'>>;
        const left = table !== null && data.fromTableId === table.id;
        if (left) {
          setOrders(() => ({ sessionId: null, totalAmount: 0, orders: [] }));
          if (!orderOutbox.store.get().pending) cart.clearLocal();
          notify(
            t(event.type === 'session.moved' ? 'myOrders.sessionMoved' : 'myOrders.sessionMerged'),
            'orange',
            4_000,
          );
        }
        void queryClient.invalidateQueries({ queryKey: ['table'] });
        break;
      }
      case 'payment.created':
      case 'payment.deleted':
        void queryClient.invalidateQueries({ queryKey: billQueryKey });
        break;
      case 'call.created':
      case 'call.updated':
        // Made here or on a guest's phone at this table; "seen" when staff mark it done.
        if (table && hasCall(event.data)) callOutbox.applyCall(event.data.call, table.id);
        break;
      case 'cart.updated': {
        // The table's shared cart, as a phone at the table (or this tablet) changed it.
        const { cart: shared } = (event.data ?? {}) as Partial<EventPayload<'cart.updated'>>;
        if (shared) queryClient.setQueryData<Cart>(sharedCartQueryKey, (current) => newerCart(current, shared));
        break;
      }
      case 'menu.updated':
        void queryClient.invalidateQueries({ queryKey: menuQueryKey });
        break;
      case 'resync':
        void queryClient.invalidateQueries({ queryKey: ['table'] });
        break;
    }
  };

  return useEventStream({
    url: '/api/v1/table/stream',
    enabled: table !== null,
    cursorKey: table ? `tableorder.customer.cursor.${table.id}` : undefined,
    getToken: async () => {
      try {
        return await device.ensureToken();
      } catch (error) {
        // The device cannot sign in and shows its lock screen, which tries again itself: stop.
        // Anything else (a request that failed on the way) is retried with backoff.
        if (error instanceof DeviceLockedError) return null;
        throw error;
      }
    },
    onAuthError: async () => {
      try {
        await device.relogin(device.currentToken());
        return true;
      } catch (error) {
        return !(error instanceof DeviceLockedError);
      }
    },
    onEvent,
  });
}
