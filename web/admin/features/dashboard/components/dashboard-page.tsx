import { SimpleGrid, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTable, Order } from '../../../../../contract/orders';
import { useNow } from '../../../../shared/lib/use-now';
import { ConfirmMutationDialog } from '../../../../shared/ui/confirm-mutation-dialog';
import { errorText } from '../../../../shared/ui/error-text';
import { EmptyState, ErrorState, LoadingState } from '../../../../shared/ui/query-state';
import { findOrder } from '../api/dashboard-cache';
import { useEndSession } from '../api/end-session';
import { useDashboard } from '../api/get-dashboard';
import { useUpdateOrderStatus } from '../api/update-order-status';
import { newOrders } from '../new-orders';
import { nextStatus } from '../order-status';
import { type DashboardFilter, DashboardToolbar } from './dashboard-toolbar';
import { OrderDetailModal } from './order-detail-modal';
import { TableCard } from './table-card';
import { TableOrdersModal } from './table-orders-modal';

export function DashboardPage() {
  const { t } = useTranslation();
  const dashboard = useDashboard();
  const now = useNow(30_000);
  const advance = useUpdateOrderStatus();
  const endSession = useEndSession();
  const [filter, setFilter] = useState<DashboardFilter>({ tableId: null, inUseOnly: false });
  const [orderId, setOrderId] = useState<string | null>(null);
  const [allOrdersOf, setAllOrdersOf] = useState<string | null>(null);
  const [ending, setEnding] = useState<DashboardTable | null>(null);

  if (dashboard.isPending) return <LoadingState />;
  if (dashboard.isError) return <ErrorState error={dashboard.error} onRetry={() => dashboard.refetch()} />;

  const tables = dashboard.data.tables;
  const shown = tables.filter(
    (table) =>
      (filter.tableId === null || table.id === filter.tableId) && (!filter.inUseOnly || table.sessionId !== null),
  );

  const openOrder = (order: Order) => {
    newOrders.acknowledge(order.id);
    setAllOrdersOf(null);
    setOrderId(order.id);
  };
  const advanceOrder = (order: Order) => {
    const status = nextStatus(order.status);
    if (!status) return;
    advance.mutate(
      { orderId: order.id, status },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );
  };

  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <DashboardToolbar tables={tables} filter={filter} onFilter={setFilter} />
      {tables.length === 0 ? (
        <EmptyState>{t('dashboard.noTables')}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState>{t('dashboard.noMatch')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md">
          {shown.map((table) => (
            <TableCard
              key={table.id}
              table={table}
              now={now}
              busyOrderId={advance.isPending ? (advance.variables?.orderId ?? null) : null}
              onOpenOrder={openOrder}
              onAdvance={advanceOrder}
              onShowAll={(target) => setAllOrdersOf(target.id)}
              onEndSession={setEnding}
            />
          ))}
        </SimpleGrid>
      )}

      <TableOrdersModal
        table={tables.find((table) => table.id === allOrdersOf) ?? null}
        busyOrderId={advance.isPending ? (advance.variables?.orderId ?? null) : null}
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
        target={ending}
        color="orange"
        title={t('dashboard.endSessionTitle', { number: ending?.number ?? '' })}
        message={t('dashboard.endSessionText', { count: ending?.orders.length ?? 0 })}
        confirmLabel={t('dashboard.endSession')}
        mutation={endSession}
        variables={(table) => table.id}
        onDone={(table, result) =>
          notifications.show({
            color: 'teal',
            message: t('dashboard.sessionEnded', { number: table.number, count: result.archivedOrders }),
          })
        }
        onClose={() => setEnding(null)}
      />
    </Stack>
  );
}
