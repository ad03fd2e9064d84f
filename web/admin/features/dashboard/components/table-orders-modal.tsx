import { Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardTable, Order } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { newOrders, useNewOrderMarks } from '../new-orders';
import { OrderRow } from './order-row';

export interface TableOrdersModalProps {
  table: DashboardTable | null;
  onClose: () => void;
  onOpenOrder: (order: Order) => void;
  onAdvance: (order: Order) => void;
}

/** Every order of a table's open session, newest first. */
export function TableOrdersModal({ table, onClose, onOpenOrder, onAdvance }: TableOrdersModalProps) {
  const { t } = useTranslation();
  useNewOrderMarks();
  const orders = [...(table?.orders ?? [])].sort((a, b) => b.orderNo - a.orderNo);
  return (
    <Modal
      opened={table !== null}
      onClose={onClose}
      size="lg"
      title={table ? t('dashboard.tableOrders', { number: table.number }) : ''}
    >
      <Stack gap={4}>
        {orders.map((order) => (
          <OrderRow
            key={order.id}
            order={order}
            fresh={newOrders.isNew(order)}
            onOpen={onOpenOrder}
            onAdvance={onAdvance}
          />
        ))}
        {orders.length === 0 ? <Text c="dimmed">{t('dashboard.noOrders')}</Text> : null}
        <Group justify="flex-end" mt="sm">
          <Text fw={700}>
            {t('dashboard.total')} {formatWon(table?.totalAmount ?? 0)}
          </Text>
        </Group>
      </Stack>
    </Modal>
  );
}
