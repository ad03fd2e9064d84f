import { ActionIcon, Alert, Badge, Button, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Menu } from '@contract/menus';
import type { DashboardTable } from '@contract/orders';
import { MAX_LINE_QUANTITY } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { type ChooserDish, type ChooserResult, OptionChooser } from '@shared/menu/option-chooser';
import { errorText } from '@shared/ui/error-text';
import { LoadingState } from '@shared/ui/query-state';
import { newKey, useMenusForOrder, useOptionGroupsForOrder, useStaffOrder } from '../api/table-ops';

/**
 * Staff take an order at a table (by voice, at the counter): a plain menu picker with
 * quantities and a request. One Idempotency-Key per dialog, so a retried tap orders once.
 */
export function StaffOrderModal({ table, onClose }: { table: DashboardTable | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const menus = useMenusForOrder(table !== null);
  const groups = useOptionGroupsForOrder(table !== null);
  const order = useStaffOrder();
  const [counts, setCounts] = useState<Record<string, number>>({});
  // Dishes with options go through the shared chooser: each choice is a line of its own.
  const [choosing, setChoosing] = useState<ChooserDish | null>(null);
  const [chosen, setChosen] = useState<Array<ChooserResult & { name: string }>>([]);
  const [note, setNote] = useState('');
  const [key, setKey] = useState(newKey);

  const close = () => {
    order.reset();
    setCounts({});
    setChosen([]);
    setNote('');
    setKey(newKey());
    onClose();
  };
  const withOptions = (menu: Menu): ChooserDish | null => {
    if (menu.optionGroupIds.length === 0) return null;
    const all = groups.data?.optionGroups ?? [];
    return {
      id: menu.id,
      name: menu.name,
      description: menu.description,
      price: menu.price,
      isAvailable: menu.isAvailable,
      translations: menu.translations,
      optionGroups: menu.optionGroupIds.flatMap((id) => all.filter((group) => group.id === id)),
    };
  };
  const list = [...(menus.data?.menus ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const lines = list.filter((menu) => (counts[menu.id] ?? 0) > 0);
  const total =
    lines.reduce((sum, menu) => sum + menu.price * (counts[menu.id] ?? 0), 0) +
    chosen.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const lineCount = lines.length + chosen.length;
  const change = (id: string, by: number) =>
    setCounts((current) => ({ ...current, [id]: Math.min(MAX_LINE_QUANTITY, Math.max(0, (current[id] ?? 0) + by)) }));

  return (
    <>
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
                  const dish = withOptions(menu);
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
                      {menu.isAvailable && dish ? (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setChoosing(dish)}
                          data-testid="staff-order-choose"
                        >
                          {t('ops.chooseOptions')}
                        </Button>
                      ) : menu.isAvailable ? (
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
            {chosen.map((line, i) => (
              <Group
                // biome-ignore lint/suspicious/noArrayIndexKey: lines are only appended or removed by position
                key={`${line.menuId}-${i}`}
                justify="space-between"
                wrap="nowrap"
                data-testid="staff-order-line"
              >
                <Text size="sm">
                  {line.name}
                  {line.options.length > 0 ? ` (${line.options.map((o) => o.name).join(', ')})` : ''} × {line.quantity}
                </Text>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={700}>
                    {formatWon(line.unitPrice * line.quantity)}
                  </Text>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('common:actions.delete')}
                    onClick={() => setChosen((current) => current.filter((_, k) => k !== i))}
                  >
                    ×
                  </ActionIcon>
                </Group>
              </Group>
            ))}
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
                disabled={lineCount === 0}
                loading={order.isPending}
                data-testid="staff-order-submit"
                onClick={() =>
                  table &&
                  order.mutate(
                    {
                      tableId: table.id,
                      key,
                      body: {
                        items: [
                          ...lines.map((menu) => ({ menuId: menu.id, quantity: counts[menu.id] ?? 1 })),
                          ...chosen.map((line) => ({
                            menuId: line.menuId,
                            quantity: line.quantity,
                            ...(line.optionIds.length > 0 ? { optionIds: line.optionIds } : {}),
                            ...(line.note ? { note: line.note } : {}),
                          })),
                        ],
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
                {lineCount === 0 ? t('ops.noLines') : t('ops.placeOrder', { total: formatWon(total) })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <OptionChooser
        dish={choosing}
        language={i18n.language}
        onClose={() => setChoosing(null)}
        onAdd={(result) => {
          const name = choosing?.name ?? '';
          setChosen((current) => [...current, { ...result, name }]);
          setChoosing(null);
        }}
      />
    </>
  );
}
