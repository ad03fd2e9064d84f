import { Button, Group, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../../contract/orders';
import { formatTime, formatWon } from '../../../../shared/lib/format';
import { StatusBadge } from '../../../../shared/ui/status-badge';
import { nextStatus } from '../order-status';
import classes from './table-card.module.css';

export interface OrderRowProps {
  order: Order;
  fresh: boolean;
  busy?: boolean;
  onOpen: (order: Order) => void;
  onAdvance: (order: Order) => void;
}

/** One order on a table card: number, time, status and next step; what was ordered and the amount. */
export function OrderRow({ order, fresh, busy, onOpen, onAdvance }: OrderRowProps) {
  const { t } = useTranslation();
  const next = nextStatus(order.status);
  const summary = order.items
    .map((item) => (item.quantity > 1 ? `${item.name} ×${item.quantity}` : item.name))
    .join(' · ');
  return (
    <div
      className={`${classes.row} ${fresh ? classes.freshRow : ''}`}
      data-testid="order-row"
      data-order-no={order.orderNo}
      data-status={order.status}
      data-fresh={fresh || undefined}
    >
      <Group gap={6} wrap="nowrap" px={8} pt={6}>
        <UnstyledButton
          onClick={() => onOpen(order)}
          style={{ flex: 1, minWidth: 0 }}
          aria-label={t('dashboard.openOrder', { no: order.orderNo })}
        >
          <Group gap={8} wrap="nowrap">
            <Text fw={800} size="sm">
              #{order.orderNo}
            </Text>
            <Text size="xs" c="dimmed">
              {formatTime(order.createdAt)}
            </Text>
          </Group>
        </UnstyledButton>
        <StatusBadge status={order.status} size="sm" />
        {next ? (
          <Button size="compact-xs" variant="light" loading={busy} onClick={() => onAdvance(order)}>
            {t(`dashboard.advance.${next}`)}
          </Button>
        ) : null}
      </Group>
      <UnstyledButton onClick={() => onOpen(order)} w="100%" px={8} pb={6} tabIndex={-1}>
        <Group gap={8} wrap="nowrap">
          <Text size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
            {summary}
          </Text>
          <Text size="sm" fw={700}>
            {formatWon(order.totalAmount)}
          </Text>
        </Group>
      </UnstyledButton>
    </div>
  );
}
