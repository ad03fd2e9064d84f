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

/** One order on a table card: number, time, what, amount, status and the next step. */
export function OrderRow({ order, fresh, busy, onOpen, onAdvance }: OrderRowProps) {
  const { t } = useTranslation();
  const next = nextStatus(order.status);
  const [first, ...rest] = order.items;
  const summary = first
    ? rest.length > 0
      ? t('dashboard.itemsSummary', { name: first.name, count: rest.length })
      : `${first.name} × ${first.quantity}`
    : '';
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      px={6}
      py={4}
      className={`${classes.row} ${fresh ? classes.freshRow : ''}`}
      data-testid="order-row"
      data-order-no={order.orderNo}
      data-fresh={fresh || undefined}
    >
      <UnstyledButton
        onClick={() => onOpen(order)}
        style={{ flex: 1, minWidth: 0 }}
        aria-label={t('dashboard.openOrder', { no: order.orderNo })}
      >
        <Group gap={6} wrap="nowrap">
          <Text fw={700} size="sm" w={38}>
            #{order.orderNo}
          </Text>
          <Text size="xs" c="dimmed" w={38}>
            {formatTime(order.createdAt)}
          </Text>
          <Text size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
            {summary}
          </Text>
          <Text size="sm" fw={600}>
            {formatWon(order.totalAmount)}
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
  );
}
