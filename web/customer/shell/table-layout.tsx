import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Outlet, useNavigate } from 'react-router';
import type { TableOrders } from '@contract/orders';
import type { StreamState } from '@shared/api/event-stream';
import { CallStatus } from '../features/calls/components/call-status';
import { callOutbox } from '../features/calls/stores/call-outbox';
import { cart, useCart } from '../features/cart/stores/cart-store';
import { useTableSession } from '../features/guest/api/table-service';
import { GuestCountPrompt } from '../features/guest/components/guest-count-prompt';
import { shouldAskGuests } from '../features/guest/utils/guest-count';
import { menuQueryKey, menusById, useMenu } from '../features/menu/api/get-menu';
import { applyOrder, tableOrdersQueryKey, useTableOrders } from '../features/my-orders/api/get-table-orders';
import { OrderStatusAnnouncer } from '../features/my-orders/components/order-status-announcer';
import { OrderDoneOverlay } from '../features/order/components/order-done-overlay';
import { OrderFailureDialog } from '../features/order/components/order-failure-dialog';
import { PendingOrderBanner } from '../features/order/components/pending-order-banner';
import { orderOutbox, useOrderOutbox } from '../features/order/stores/order-outbox';
import { refusedDishNames } from '../features/order/utils/refused-dishes';
import { sharedCartQueryKey } from '../features/shared-cart/api/get-cart';
import { device, type TableInfo } from '../lib/device';
import { ConnectionNotice } from './connection-notice';
import classes from './shell.module.css';
import { TableHeader } from './table-header';
import { useSharedCartSync } from './use-shared-cart-sync';
import { useTableStream } from './use-table-stream';

export interface TableOutletContext {
  table: TableInfo;
  stream: StreamState;
}

/** Everything around the table's screens: header, live stream, and the order's outcome. */
export function TableLayout({ table }: { table: TableInfo }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const stream = useTableStream(table);
  useSharedCartSync(stream.status === 'open');
  const outbox = useOrderOutbox();
  const orders = useTableOrders();
  const menu = useMenu();
  const currentCart = useCart();
  const visit = useTableSession();
  // The store asks the guest count and no visit is open: the guests say how many before anything else.
  const askGuests = shouldAskGuests(visit.data, outbox.pending !== null);

  useEffect(() => {
    orderOutbox.start({
      delivered: (order) => {
        cart.clearLocal();
        queryClient.setQueryData<TableOrders>(tableOrdersQueryKey, (current) => applyOrder(current, order, 'created'));
        void queryClient.invalidateQueries({ queryKey: tableOrdersQueryKey });
      },
      failed: () => {
        // Sold out or gone: the fresh menu marks the very lines the guest has to take out; a
        // changed shared cart shows as it is now.
        void queryClient.invalidateQueries({ queryKey: menuQueryKey });
        void queryClient.invalidateQueries({ queryKey: sharedCartQueryKey });
      },
    });
  }, [queryClient]);

  useEffect(() => {
    // A preset removed while the guest was choosing: the fresh menu brings the current list.
    callOutbox.start(table.id, { presetsChanged: () => queryClient.invalidateQueries({ queryKey: menuQueryKey }) });
  }, [queryClient, table.id]);

  const soldOutNames = useMemo(() => {
    const failure = outbox.failure;
    if (!failure) return [];
    const cartNames = new Map(currentCart.lines.map((line) => [line.menuId, line.name] as const));
    return refusedDishNames({ items: failure.items, details: failure.error.details }, menusById(menu.data), cartNames);
  }, [outbox.failure, menu.data, currentCart.lines]);

  const context: TableOutletContext = { table, stream };
  return (
    <div className={classes.shell}>
      <TableHeader
        table={table}
        orderCount={orders.data?.orders.length ?? 0}
        verifyStaff={(password) => device.verifyPassword(password)}
        onStaffUnlocked={() => navigate('/setup', { state: { unlocked: true } })}
      />
      <PendingOrderBanner />
      <CallStatus presets={menu.data?.callReasons ?? []} />
      <OrderStatusAnnouncer />
      <ConnectionNotice stream={stream} />
      <main className={classes.main}>{askGuests ? <GuestCountPrompt /> : <Outlet context={context} />}</main>
      {outbox.delivered && (
        <OrderDoneOverlay
          key={outbox.delivered.id}
          order={outbox.delivered}
          onDone={() => {
            orderOutbox.acknowledgeDelivered();
            navigate('/');
          }}
          onViewOrders={() => {
            orderOutbox.acknowledgeDelivered();
            navigate('/orders');
          }}
        />
      )}
      <OrderFailureDialog
        error={outbox.failure?.error ?? null}
        soldOutNames={soldOutNames}
        onClose={() => orderOutbox.dismissFailure()}
      />
    </div>
  );
}
