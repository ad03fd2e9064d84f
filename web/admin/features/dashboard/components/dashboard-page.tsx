import { Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextOrderStatus, type Order } from '@contract/orders';
import { useNow } from '@shared/lib/use-now';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { errorText } from '@shared/ui/error-text';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { findOrder } from '../api/dashboard-cache';
import { useEndSession } from '../api/end-session';
import { useDashboard } from '../api/get-dashboard';
import { useMoveOrder } from '../api/update-order-status';
import { newOrders } from '../new-orders';
import { type DashboardFilter, DashboardToolbar } from './dashboard-toolbar';
import { EndSessionSummary } from './end-session-summary';
import { NewOrderAnnouncer } from './new-order-announcer';
import { OrderDetailModal } from './order-detail-modal';
import { TableBoard } from './table-board';
import { TableCard } from './table-card';
import { TableOrdersModal } from './table-orders-modal';

export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  const now = useNow(30_000);
  // A failed step is a notification only: the board stays as it was.
  const move = useMoveOrder((error) => notifications.show({ color: 'red', message: errorText(t, error) }));
  const endSession = useEndSession();
  const [filter, setFilter] = useState<DashboardFilter>({ tableId: null, inUseOnly: false });
  const [orderId, setOrderId] = useState<string | null>(null);
  const [allOrdersOf, setAllOrdersOf] = useState<string | null>(null);
  const [endingId, setEndingId] = useState<string | null>(null);

  // The last known board stays during an outage (the stale banner says so); an error replaces
  // it only when there never was one.
  if (dashboard.data === undefined) {
    return dashboard.isError ? (
      <ErrorState error={dashboard.error} onRetry={() => dashboard.refetch()} />
    ) : (
      <LoadingState />
    );
  }

  const tables = dashboard.data.tables;
  const shown = tables.filter(
    (table) =>
      (filter.tableId === null || table.id === filter.tableId) && (!filter.inUseOnly || table.sessionId !== null),
  );
  // Read live: an order landing while the question is open changes the total it shows.
  const ending = tables.find((table) => table.id === endingId) ?? null;

  const openOrder = (order: Order) => {
    newOrders.acknowledge([order.id]);
    setAllOrdersOf(null);
    setOrderId(order.id);
  };
  const advanceOrder = (order: Order) => {
    const status = nextOrderStatus(order.status);
    if (status) move({ orderId: order.id, status });
  };

  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <DashboardToolbar tables={tables} filter={filter} onFilter={setFilter} />
      <NewOrderAnnouncer tables={tables} />
      {tables.length === 0 ? (
        <EmptyState>{t('dashboard.noTables')}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState>{t('dashboard.noMatch')}</EmptyState>
      ) : (
        <TableBoard
          tables={shown}
          renderCard={(table) => (
            <TableCard
              key={table.id}
              table={table}
              now={now}
              onOpenOrder={openOrder}
              onAdvance={advanceOrder}
              onShowAll={(target) => setAllOrdersOf(target.id)}
              onEndSession={(target) => setEndingId(target.id)}
            />
          )}
        />
      )}

      <TableOrdersModal
        table={tables.find((table) => table.id === allOrdersOf) ?? null}
        onClose={() => setAllOrdersOf(null)}
        onOpenOrder={openOrder}
        onAdvance={advanceOrder}
      />
      <OrderDetailModal
        opened={orderId !== null}
        order={orderId ? (findOrder(dashboard.data, orderId) ?? null) : null}
        onClose={() => setOrderId(null)}
      />
      <ConfirmMutationDialog
        target={endingId !== null ? ending : null}
        color="orange"
        title={t('dashboard.endSessionTitle', { number: ending?.number ?? '' })}
        message={ending ? <EndSessionSummary table={ending} /> : null}
        confirmLabel={t('dashboard.endSession')}
        mutation={endSession}
        variables={(table) => table.id}
        onDone={(table, result) =>
          notifications.show({
            color: 'teal',
            message: t('dashboard.sessionEnded', { number: table.number, count: result.archivedOrders }),
          })
        }
        onClose={() => setEndingId(null)}
      />
    </Stack>
  );
}
