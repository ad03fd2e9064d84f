import { Button, Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useOutletContext } from 'react-router';
import { ConnectionIndicator } from '@shared/ui/connection-indicator';
import { ErrorState, LoadingState } from '@shared/ui/query-state';
import { ArrowLeftIcon } from '../components/icons';
import { BillView } from '../features/guest/components/bill-view';
import { useTableOrders } from '../features/my-orders/api/get-table-orders';
import { MyOrders } from '../features/my-orders/components/my-orders';
import type { TableOutletContext } from '../shell/table-layout';
import classes from './routes.module.css';

/** 주문 내역 / 결제 현황: this visit's orders and what was paid and is due, live. */
export function OrdersRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { stream } = useOutletContext<TableOutletContext>();
  const orders = useTableOrders();

  return (
    <div className={classes.ordersPage}>
      <div className={classes.ordersInner}>
        <Group justify="space-between">
          <Group gap="sm">
            <Button
              size="lg"
              variant="subtle"
              color="dark"
              leftSection={<ArrowLeftIcon size={20} />}
              onClick={() => navigate('/')}
            >
              {t('myOrders.backToMenu')}
            </Button>
            <Title order={1} fz={28}>
              {t('myOrders.title')}
            </Title>
          </Group>
          <ConnectionIndicator state={stream} />
        </Group>
        {orders.isPending ? (
          <LoadingState />
        ) : orders.isError && !orders.data ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <>
            <MyOrders data={orders.data} />
            {/* 결제 현황: paid and due, live (payments come on the stream). */}
            {orders.data.sessionId !== null && <BillView ordersTotal={orders.data.totalAmount} />}
          </>
        )}
      </div>
    </div>
  );
}
