import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Order, TableOrders } from '@contract/orders';
import { ReceiptIcon } from '@customer/components/icons';
import { useMoney } from '@customer/lib/money';
import { formatTime } from '@shared/lib/format';
import { StatusBadge } from '@shared/ui/status-badge';
import classes from './my-orders.module.css';

function OrderCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <article className={classes.order} data-testid="my-order" data-order-id={order.id} data-status={order.status}>
      <div className={classes.orderHead}>
        <Group gap="md">
          <Text fz={22} fw={800}>
            {t('myOrders.orderNo', { no: order.orderNo })}
          </Text>
          <Text c="dimmed" fz="md">
            {formatTime(order.createdAt)}
          </Text>
        </Group>
        <Group gap="md">
          <Text fz="xl" fw={800} className={classes.amount}>
            {money(order.totalAmount)}
          </Text>
          <span data-testid="my-order-status">
            <StatusBadge status={order.status} size="xl" />
          </span>
        </Group>
      </div>
      {order.note && (
        <Text fz="sm" c="orange.9" px="md" data-testid="my-order-note">
          “{order.note}”
        </Text>
      )}
      <ul className={classes.items}>
        {order.items.map((item) => (
          <li key={item.id}>
            <span>
              {item.name}{' '}
              <Text span c="dimmed">
                × {item.quantity}
              </Text>
              {item.options.length > 0 && (
                <Text fz="sm" c="dimmed" data-testid="my-order-options">
                  {item.options.map((option) => option.name).join(' · ')}
                </Text>
              )}
              {item.note && (
                <Text fz="sm" c="orange.9">
                  “{item.note}”
                </Text>
              )}
            </span>
            <span className={classes.amount}>{money(item.subtotal)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

/** This session's orders, oldest first, with their live status and the session total. */
export function MyOrders({ data }: { data: TableOrders }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (data.orders.length === 0) {
    return (
      <Stack align="center" gap="xs" py={64} c="gray.6" data-testid="my-orders-empty">
        <ReceiptIcon size={56} strokeWidth={1.4} />
        <Text fz="xl" fw={700} c="gray.6">
          {t('myOrders.empty')}
        </Text>
        <Text ta="center">{t('myOrders.emptyHint')}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap={14} data-testid="my-orders">
      {data.orders.map((order) => (
        <OrderCard key={order.id} order={order} />
      ))}
      <div className={classes.total}>
        <Text fz="lg" fw={700}>
          {t('myOrders.total')}
        </Text>
        <span className={classes.totalAmount} data-testid="my-orders-total">
          {money(data.totalAmount)}
        </span>
      </div>
    </Stack>
  );
}
