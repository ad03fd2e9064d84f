import { Alert, Button, Group, Modal, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { errorText } from '@shared/ui/error-text';
import { useVoidItems } from '../api/table-ops';

/** Void part of an order's lines (sent back, cancelled), with a reason; the kitchen gets 취소. */
export function VoidItemsModal({ order, onClose }: { order: Order | null; onClose: () => void }) {
  const { t } = useTranslation();
  const voiding = useVoidItems();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const close = () => {
    voiding.reset();
    setCounts({});
    setReason('');
    onClose();
  };
  const items = order?.items ?? [];
  const chosen = items.filter((item) => (counts[item.id] ?? 0) > 0);
  const amount = chosen.reduce((sum, item) => sum + item.unitPrice * (counts[item.id] ?? 0), 0);

  return (
    <Modal
      opened={order !== null}
      onClose={close}
      size="lg"
      title={<Text fw={800}>{t('ops.voidTitle', { no: order?.orderNo ?? '' })}</Text>}
    >
      <Stack data-testid="void-items">
        <Table withTableBorder verticalSpacing="xs">
          <Table.Tbody>
            {items.map((item) => {
              const left = item.quantity - item.voidedQuantity;
              return (
                <Table.Tr key={item.id} data-testid="void-line" data-item-name={item.name}>
                  <Table.Td>
                    <Text fw={600}>{item.name}</Text>
                    <Text size="xs" c="dimmed">
                      {formatWon(item.unitPrice)} × {item.quantity}
                      {item.voidedQuantity > 0 ? ` · ${t('ops.voidedLine', { count: item.voidedQuantity })}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td w={120}>
                    <NumberInput
                      min={0}
                      max={left}
                      disabled={left === 0}
                      value={counts[item.id] ?? 0}
                      onChange={(value) =>
                        setCounts((current) => ({ ...current, [item.id]: typeof value === 'number' ? value : 0 }))
                      }
                      aria-label={item.name}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <TextInput
          label={t('ops.voidReason')}
          placeholder={t('ops.voidReasonHint')}
          maxLength={100}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="void-reason"
        />
        {voiding.error ? (
          <Alert color="red" role="alert">
            {errorText(t, voiding.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            color="red"
            disabled={chosen.length === 0}
            loading={voiding.isPending}
            data-testid="void-submit"
            onClick={() =>
              order &&
              voiding.mutate(
                {
                  orderId: order.id,
                  body: {
                    items: chosen.map((item) => ({ itemId: item.id, quantity: counts[item.id] ?? 0 })),
                    ...(reason.trim() ? { reason: reason.trim() } : {}),
                  },
                },
                { onSuccess: close },
              )
            }
          >
            {chosen.length === 0 ? t('ops.voidNothing') : t('ops.voidConfirm', { amount: formatWon(amount) })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
