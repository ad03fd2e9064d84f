import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { optionsText } from '@admin/lib/item-text';
import { canMoveOrder, ORDER_STATUS_FLOW, type Order } from '@contract/orders';
import { formatDateTime, formatWon } from '@shared/lib/format';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { errorText } from '@shared/ui/error-text';
import { StatusBadge } from '@shared/ui/status-badge';
import { useDeleteOrder } from '../api/delete-order';
import { useMoveOrder, useMovingTo } from '../api/update-order-status';

/** The same dish may appear on two lines; number its repeats for stable keys. */
function keyedItems(order: Order) {
  const seen = new Map<string, number>();
  return order.items.map((item) => {
    const n = (seen.get(item.menuId) ?? 0) + 1;
    seen.set(item.menuId, n);
    return { key: `${item.menuId}:${n}`, item };
  });
}

export interface OrderDetailModalProps {
  /** The live order (from the board), or null once it left the board. */
  order: Order | null;
  opened: boolean;
  onClose: () => void;
  /** Void some of its lines / move it to another table (the page opens those dialogs). */
  onVoid?: (order: Order) => void;
  onMove?: (order: Order) => void;
}

/** Every item of one order, its status steps and deletion. */
export function OrderDetailModal({ order, opened, onClose, onVoid, onMove }: OrderDetailModalProps) {
  const { t, i18n } = useTranslation();
  const [moveError, setMoveError] = useState<unknown>(null);
  const move = useMoveOrder(setMoveError);
  const movingTo = useMovingTo(order?.id ?? null);
  const deleteOrder = useDeleteOrder();
  // Held apart from the live order: deletion removes it from the board before the server answers.
  const [deleting, setDeleting] = useState<Order | null>(null);

  const close = () => {
    setMoveError(null);
    deleteOrder.reset();
    setDeleting(null);
    onClose();
  };

  return (
    <>
      <Modal
        opened={opened && !deleting}
        onClose={close}
        size="lg"
        title={
          order ? (
            <Group gap="sm">
              <Text fw={800} size="lg">
                {t('order.title', { no: order.orderNo, number: order.tableNumber })}
              </Text>
              <StatusBadge status={order.status} />
            </Group>
          ) : (
            t('order.gone')
          )
        }
      >
        {!order ? (
          <Stack>
            <Text>{t('order.goneText')}</Text>
            <Group justify="flex-end">
              <Button onClick={close}>{t('common:actions.close')}</Button>
            </Group>
          </Stack>
        ) : (
          <Stack data-testid="order-detail">
            <Text size="sm" c="dimmed">
              {t('order.placedAt', { time: formatDateTime(order.createdAt, i18n.language) })}
            </Text>
            {order.note && (
              <Text fw={700} c="orange.9" data-testid="order-detail-note">
                {t('order.noteLabel', { note: order.note })}
              </Text>
            )}
            <Table striped withTableBorder verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('order.item')}</Table.Th>
                  <Table.Th ta="right">{t('order.unitPrice')}</Table.Th>
                  <Table.Th ta="right">{t('order.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('order.subtotal')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keyedItems(order).map(({ key, item }) => (
                  <Table.Tr key={key}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {item.name}
                        {item.voidedQuantity > 0 ? (
                          <Text span size="xs" c="red" ml={6}>
                            {t('ops.voided', { count: item.voidedQuantity })}
                          </Text>
                        ) : null}
                      </Text>
                      {item.options.length > 0 && (
                        <Text size="xs" c="dimmed" data-testid="order-item-options">
                          {optionsText(item)}
                        </Text>
                      )}
                      {item.note && (
                        <Text size="xs" c="orange.9" fw={600} data-testid="order-item-note">
                          “{item.note}”
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatWon(item.unitPrice)}</Table.Td>
                    <Table.Td ta="right">{item.quantity - item.voidedQuantity}</Table.Td>
                    <Table.Td ta="right">{formatWon(item.subtotal)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={3}>{t('order.total')}</Table.Th>
                  <Table.Th ta="right" data-testid="order-total">
                    {formatWon(order.totalAmount)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>

            {moveError ? (
              <Alert color="red" role="alert">
                {errorText(t, moveError)}
              </Alert>
            ) : null}

            <Text fw={600} size="sm">
              {t('order.changeStatus')}
            </Text>
            <Group grow gap="xs">
              {ORDER_STATUS_FLOW.map((status) => {
                const current = status === order.status;
                return (
                  <Button
                    key={status}
                    size="md"
                    variant={current ? 'filled' : 'default'}
                    color={current ? undefined : 'gray'}
                    disabled={!current && !canMoveOrder(order.status, status)}
                    loading={movingTo === status}
                    aria-pressed={current}
                    onClick={() => {
                      if (current) return;
                      setMoveError(null);
                      move({ orderId: order.id, status });
                    }}
                  >
                    {t(`common:status.${status}`)}
                  </Button>
                );
              })}
            </Group>

            <Group justify="space-between" mt="sm">
              <Group gap="xs">
                <Button color="red" variant="light" onClick={() => setDeleting(order)}>
                  {t('order.delete')}
                </Button>
                {onVoid ? (
                  <Button color="orange" variant="light" onClick={() => onVoid(order)} data-testid="order-void">
                    {t('ops.voidItems')}
                  </Button>
                ) : null}
                {onMove ? (
                  <Button variant="light" onClick={() => onMove(order)} data-testid="order-move">
                    {t('ops.moveOrder')}
                  </Button>
                ) : null}
              </Group>
              <Button variant="default" onClick={close}>
                {t('common:actions.close')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmMutationDialog
        target={opened ? deleting : null}
        title={t('order.deleteTitle', { no: deleting?.orderNo ?? '' })}
        message={t('order.deleteText', { amount: formatWon(deleting?.totalAmount ?? 0) })}
        confirmLabel={t('order.delete')}
        mutation={deleteOrder}
        variables={(target) => ({ orderId: target.id, tableId: target.tableId })}
        onDone={close}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
