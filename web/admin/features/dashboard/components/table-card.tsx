import { Badge, Box, Button, Card, Divider, Group, Menu, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { openSinceLabel } from '@admin/lib/open-since';
import type { DashboardTable, Order } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { newOrders, useNewOrderMarks } from '../new-orders';
import { OrderRow } from './order-row';
import { TableCall } from './table-call';
import classes from './table-card.module.css';

/** How many of the latest orders a card lists; the rest are one click away. */
const LATEST = 3;

export interface TableCardProps {
  table: DashboardTable;
  now: number;
  onOpenOrder: (order: Order) => void;
  onAdvance: (order: Order) => void;
  onShowAll: (table: DashboardTable) => void;
  onEndSession: (table: DashboardTable) => void;
  /** Table operations: open, add an order, move, merge, checkout. */
  onOperation: (table: DashboardTable, operation: TableOperation) => void;
}

export type TableOperation = 'open' | 'order' | 'move' | 'merge' | 'checkout';

export function TableCard({
  table,
  now,
  onOpenOrder,
  onAdvance,
  onShowAll,
  onEndSession,
  onOperation,
}: TableCardProps) {
  const { t } = useTranslation();
  useNewOrderMarks();
  const fresh = table.orders.filter(newOrders.isNew).length;
  const open = table.sessionId !== null;
  const latest = [...table.orders].sort((a, b) => b.orderNo - a.orderNo).slice(0, LATEST);
  const hidden = table.orders.length - latest.length;

  return (
    <Card
      withBorder
      shadow={fresh > 0 ? 'md' : 'xs'}
      radius="md"
      padding="md"
      className={`${classes.card} ${fresh > 0 ? classes.fresh : ''} ${open ? '' : classes.idle}`}
      data-testid="table-card"
      data-table-number={table.number}
      data-fresh={fresh > 0 || undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={800} size="xl" lh={1.1}>
            {t('table.name', { number: table.number })}
          </Text>
          <Text size="sm" c="dimmed" mt={4} data-testid="table-open-since">
            {table.sessionStartedAt ? openSinceLabel(t, table.sessionStartedAt, now) : t('table.vacant')}
          </Text>
          {table.guests !== null && (
            <Text size="sm" c="dimmed" data-testid="table-guests">
              {t('ops.guestsCount', { count: table.guests })}
            </Text>
          )}
          {table.pin && (
            <Text size="sm" fw={700} data-testid="table-pin">
              {t('table.pin', { pin: table.pin })}
            </Text>
          )}
        </div>
        <Group gap={6}>
          {fresh > 0 ? (
            <Badge color="orange" variant="filled" data-testid="fresh-badge">
              {t('dashboard.newOrders', { count: fresh })}
            </Badge>
          ) : null}
          <Badge color={open ? 'teal' : 'gray'} variant="light">
            {open ? t('table.inUse') : t('table.empty')}
          </Badge>
        </Group>
      </Group>
      <TableCall table={table} now={now} />

      <Divider my="sm" />

      <Stack gap={4} style={{ flex: 1 }}>
        {latest.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            {t('dashboard.noOrders')}
          </Text>
        ) : (
          latest.map((order) => (
            <OrderRow
              key={order.id}
              order={order}
              fresh={newOrders.isNew(order)}
              onOpen={onOpenOrder}
              onAdvance={onAdvance}
            />
          ))
        )}
        {hidden > 0 ? (
          <Button variant="subtle" size="compact-sm" onClick={() => onShowAll(table)}>
            {t('dashboard.showAll', { count: table.orders.length })}
          </Button>
        ) : null}
      </Stack>

      <Divider my="sm" />

      <Group justify="space-between" wrap="nowrap" align="flex-end">
        <Box>
          <Text size="xs" c="dimmed">
            {t('dashboard.total')}
          </Text>
          <Text fw={800} size="lg" data-testid="table-total">
            {formatWon(table.totalAmount)}
          </Text>
          {table.paidAmount !== 0 ? (
            <Text size="xs" c={table.dueAmount > 0 ? 'orange.8' : 'teal.8'} fw={700} data-testid="table-due">
              {table.dueAmount > 0
                ? t('ops.dueBadge', { amount: formatWon(table.dueAmount) })
                : t('ops.paidBadge', { amount: formatWon(table.paidAmount) })}
            </Text>
          ) : null}
        </Box>
      </Group>
      <Group gap={6} wrap="wrap" justify="flex-end" mt="xs">
        {fresh > 0 ? (
          <Button size="md" px="sm" color="orange" onClick={() => newOrders.acknowledgeTable(table)}>
            {t('dashboard.acknowledge')}
          </Button>
        ) : null}
        <Menu position="top-end" withinPortal>
          <Menu.Target>
            <Button size="md" px="sm" variant="light" data-testid="table-actions">
              {t('ops.menu')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item disabled={open} onClick={() => onOperation(table, 'open')} data-testid="op-open">
              {t('ops.open')}
            </Menu.Item>
            <Menu.Item onClick={() => onOperation(table, 'order')} data-testid="op-order">
              {t('ops.addOrder')}
            </Menu.Item>
            <Menu.Item disabled={!open} onClick={() => onOperation(table, 'move')} data-testid="op-move">
              {t('ops.moveTable')}
            </Menu.Item>
            <Menu.Item onClick={() => onOperation(table, 'merge')} data-testid="op-merge">
              {t('ops.merge')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        <Button
          size="md"
          px="sm"
          color="teal"
          disabled={!open}
          onClick={() => onOperation(table, 'checkout')}
          data-testid="table-checkout"
        >
          {t('ops.checkout')}
        </Button>
        <Button size="md" px="sm" variant="default" disabled={!open} onClick={() => onEndSession(table)}>
          {t('dashboard.endSession')}
        </Button>
      </Group>
    </Card>
  );
}
