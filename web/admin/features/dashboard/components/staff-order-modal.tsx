import { ActionIcon, Alert, Badge, Button, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';
import { MAX_LINE_QUANTITY } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { errorText } from '@shared/ui/error-text';
import { LoadingState } from '@shared/ui/query-state';
import { newKey, useMenusForOrder, useStaffOrder } from '../api/table-ops';

/**
 * Staff take an order at a table (by voice, at the counter): a plain menu picker with
 * quantities and a request. One Idempotency-Key per dialog, so a retried tap orders once.
 */
export function StaffOrderModal({ table, onClose }: { table: DashboardTable | null; onClose: () => void }) {
  const { t } = useTranslation();
  const menus = useMenusForOrder(table !== null);
  const order = useStaffOrder();
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newKey);

  const close = () => {
    order.reset();
    setCounts({});
    setNote('');
    setKey(newKey());
    onClose();
  };
  const list = [...(menus.data?.menus ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const lines = list.filter((menu) => (counts[menu.id] ?? 0) > 0);
  const total = lines.reduce((sum, menu) => sum + menu.price * (counts[menu.id] ?? 0), 0);
  const change = (id: string, by: number) =>
    setCounts((current) => ({ ...current, [id]: Math.min(MAX_LINE_QUANTITY, Math.max(0, (current[id] ?? 0) + by)) }));

  return (
    <Modal
      opened={table !== null}
      onClose={close}
      size="lg"
      title={<Text fw={800}>{t('ops.addOrderTitle', { number: table?.number ?? '' })}</Text>}
    >
      {menus.isPending ? (
        <LoadingState />
      ) : (
        <Stack data-testid="staff-order">
          <ScrollArea.Autosize mah={420}>
            <Stack gap={6}>
              {list.map((menu) => {
                const count = counts[menu.id] ?? 0;
                return (
                  <Group
                    key={menu.id}
                    justify="space-between"
                    wrap="nowrap"
                    data-testid="staff-order-menu"
                    data-menu-name={menu.name}
                  >
                    <div>
                      <Text fw={600}>{menu.name}</Text>
                      <Text size="sm" c="dimmed">
                        {formatWon(menu.price)}
                      </Text>
                    </div>
                    {menu.isAvailable ? (
                      <Group gap={6} wrap="nowrap">
                        <ActionIcon
                          size="lg"
                          variant="default"
                          onClick={() => change(menu.id, -1)}
                          disabled={count === 0}
                          aria-label="-"
                        >
                          −
                        </ActionIcon>
                        <Text w={28} ta="center" fw={700} data-testid="staff-order-count">
                          {count}
                        </Text>
                        <ActionIcon size="lg" variant="light" onClick={() => change(menu.id, 1)} aria-label="+">
                          +
                        </ActionIcon>
                      </Group>
                    ) : (
                      <Badge color="gray">{t('ops.soldOut')}</Badge>
                    )}
                  </Group>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <TextInput
            label={t('ops.orderNote')}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {order.error ? (
            <Alert color="red" role="alert">
              {errorText(t, order.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button
              disabled={lines.length === 0}
              loading={order.isPending}
              data-testid="staff-order-submit"
              onClick={() =>
                table &&
                order.mutate(
                  {
                    tableId: table.id,
                    key,
                    body: {
                      items: lines.map((menu) => ({ menuId: menu.id, quantity: counts[menu.id] ?? 1 })),
                      ...(note.trim() ? { note: note.trim() } : {}),
                    },
                  },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('ops.ordered', { number: table.number }) });
                      close();
                    },
                  },
                )
              }
            >
              {lines.length === 0 ? t('ops.noLines') : t('ops.placeOrder', { total: formatWon(total) })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
