import { Button, Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { itemText } from '@admin/lib/item-text';
import { nextOrderStatus, type Order } from '@contract/orders';
import { formatTime, formatWon } from '@shared/lib/format';
import { CheckIcon, PlayIcon } from '@shared/ui/icons';
import { StatusBadge } from '@shared/ui/status-badge';
import { useMovingTo } from '../api/update-order-status';
import classes from './table-card.module.css';

export interface OrderRowProps {
  order: Order;
  fresh: boolean;
  onOpen: (order: Order) => void;
  onAdvance: (order: Order) => void;
}

/**
 * One order on a table card: number, time, status badge, what was ordered and the amount (a tap
 * opens the order); beside them one big button for the next kitchen step. Steps only go forward
 * (the server has no undo), so the button is shaped and coloured unlike the small status badge
 * and names the step it takes.
 */
export function OrderRow({ order, fresh, onOpen, onAdvance }: OrderRowProps) {
  const { t } = useTranslation();
  const next = nextOrderStatus(order.status);
  const moving = useMovingTo(order.id);
  const summary = order.items.map((item) => itemText(item)).join(' · ');
  return (
    <div
      className={`${classes.row} ${fresh ? classes.freshRow : ''}`}
      data-testid="order-row"
      data-order-no={order.orderNo}
      data-status={order.status}
      data-fresh={fresh || undefined}
    >
      <UnstyledButton className={classes.rowMain} onClick={() => onOpen(order)}>
        {/* Named by what it shows (number, time, status, dishes, total), after what it does. */}
        <VisuallyHidden>{t('dashboard.openOrder', { no: order.orderNo })}</VisuallyHidden>
        <Group gap={8} wrap="nowrap">
          <Text fw={800} size="sm">
            #{order.orderNo}
          </Text>
          <Text size="xs" c="dimmed">
            {formatTime(order.createdAt)}
          </Text>
          <StatusBadge status={order.status} size="sm" />
        </Group>
        <Group gap={8} wrap="nowrap">
          <Text size="sm" lineClamp={2} style={{ flex: 1, minWidth: 0 }}>
            {summary}
          </Text>
          <Text size="sm" fw={700}>
            {formatWon(order.totalAmount)}
          </Text>
        </Group>
        {order.note && (
          <Text size="sm" c="orange.9" fw={600} truncate data-testid="order-note">
            {t('order.noteLabel', { note: order.note })}
          </Text>
        )}
      </UnstyledButton>
      {next ? (
        <Button
          className={classes.advance}
          size="md"
          px="sm"
          color={next === 'preparing' ? 'blue' : 'teal'}
          leftSection={next === 'preparing' ? <PlayIcon size={14} /> : <CheckIcon size={16} />}
          loading={moving !== null}
          onClick={() => onAdvance(order)}
          data-testid="order-advance"
        >
          {t(`dashboard.advance.${next}`)}
        </Button>
      ) : null}
    </div>
  );
}
