import { Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DashboardTable, nextOrderStatus, type Order } from '@contract/orders';
import { useNow } from '@shared/lib/use-now';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { errorText } from '@shared/ui/error-text';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { findOrder } from '../api/dashboard-cache';
import { useEndSession } from '../api/end-session';
import { useDashboard } from '../api/get-dashboard';
import { useMergeTables, useMoveOrderToTable, useMoveTable } from '../api/table-ops';
import { useMoveOrder } from '../api/update-order-status';
import { newOrders } from '../new-orders';
import { CheckoutModal } from './checkout-modal';
import { type DashboardFilter, DashboardToolbar } from './dashboard-toolbar';
import { EndSessionSummary } from './end-session-summary';
import { NewOrderAnnouncer } from './new-order-announcer';
import { OpenTableModal } from './open-table-modal';
import { OrderDetailModal } from './order-detail-modal';
import { StaffOrderModal } from './staff-order-modal';
import { TableBoard } from './table-board';
import { TableCard, type TableOperation } from './table-card';
import { TableOrdersModal } from './table-orders-modal';
import { TablePickerModal } from './table-picker-modal';
import { VoidItemsModal } from './void-items-modal';

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
  const [operation, setOperation] = useState<{ tableId: string; kind: TableOperation } | null>(null);
  const [voidingId, setVoidingId] = useState<string | null>(null);
  const [movingOrderId, setMovingOrderId] = useState<string | null>(null);
  const moveTable = useMoveTable();
  const mergeTables = useMergeTables();
  const moveOrderTo = useMoveOrderToTable();

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

  const operated = (kind: TableOperation) =>
    operation?.kind === kind ? (tables.find((table) => table.id === operation.tableId) ?? null) : null;
  const movingOrder = movingOrderId ? (findOrder(dashboard.data, movingOrderId) ?? null) : null;
  const closePicker = () => {
    moveTable.reset();
    mergeTables.reset();
    moveOrderTo.reset();
    setOperation(null);
    setMovingOrderId(null);
  };
  const moving = operated('move');
  const merging = operated('merge');
  const pickerSource = moving ?? merging;
  const pickTable = (target: DashboardTable) => {
    const done = (message: string) => () => {
      notifications.show({ color: 'teal', message });
      closePicker();
    };
    if (moving) {
      moveTable.mutate(
        { fromTableId: moving.id, toTableId: target.id },
        { onSuccess: done(t('ops.moved', { from: moving.number, to: target.number })) },
      );
    } else if (merging) {
      mergeTables.mutate(
        { intoTableId: merging.id, fromTableId: target.id },
        { onSuccess: done(t('ops.merged', { from: target.number, into: merging.number })) },
      );
    } else if (movingOrder) {
      moveOrderTo.mutate(
        { orderId: movingOrder.id, tableId: target.id },
        { onSuccess: done(t('ops.orderMoved', { to: target.number })) },
      );
    }
  };

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
              onOperation={(target, kind) => setOperation({ tableId: target.id, kind })}
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
        onVoid={(order) => {
          setOrderId(null);
          setVoidingId(order.id);
        }}
        onMove={(order) => {
          setOrderId(null);
          setMovingOrderId(order.id);
        }}
      />
      <VoidItemsModal
        order={voidingId ? (findOrder(dashboard.data, voidingId) ?? null) : null}
        onClose={() => setVoidingId(null)}
      />
      <OpenTableModal table={operated('open')} onClose={() => setOperation(null)} />
      <StaffOrderModal table={operated('order')} onClose={() => setOperation(null)} />
      <CheckoutModal table={operated('checkout')} onClose={() => setOperation(null)} />
      <TablePickerModal
        opened={pickerSource !== null || movingOrder !== null}
        title={
          moving
            ? t('ops.moveTableTitle', { number: moving.number })
            : merging
              ? t('ops.mergeTitle', { number: merging.number })
              : t('ops.moveOrderTitle', { no: movingOrder?.orderNo ?? '' })
        }
        tables={tables}
        allow={(target) =>
          moving
            ? target.id !== moving.id && target.sessionId === null
            : merging
              ? target.id !== merging.id && target.sessionId !== null
              : target.id !== movingOrder?.tableId
        }
        busy={moveTable.isPending || mergeTables.isPending || moveOrderTo.isPending}
        error={moveTable.error ?? mergeTables.error ?? moveOrderTo.error}
        onPick={pickTable}
        onClose={closePicker}
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
