import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { itemText } from '@admin/lib/item-text';
import type { HistoryOrder } from '@contract/orders';
import { formatDateTime, formatWon } from '@shared/lib/format';
import { StatusBadge } from '@shared/ui/status-badge';

/** One archived order; a deleted one stays visible but plainly marked and out of the totals. */
export function HistoryOrderCard({ order }: { order: HistoryOrder }) {
  const { t, i18n } = useTranslation();
  const deleted = order.deletedAt !== null;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg={deleted ? 'gray.0' : undefined}
      data-testid="history-order"
      data-order-no={order.orderNo}
      data-deleted={deleted || undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4} style={{ flex: 1, minWidth: 0, opacity: deleted ? 0.6 : 1 }}>
            <Group gap="sm">
              <Text fw={800}>#{order.orderNo}</Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(order.createdAt, i18n.language)}
              </Text>
              <StatusBadge status={order.status} size="sm" />
            </Group>
            <Text size="sm" td={deleted ? 'line-through' : undefined}>
              {order.items.map((item) => itemText(item, { alwaysCount: true })).join(', ')}
            </Text>
            {order.note && (
              <Text size="sm" c="orange.9">
                {t('order.noteLabel', { note: order.note })}
              </Text>
            )}
            {order.items.flatMap((item) =>
              item.voids.map((v) => (
                <Text key={`${item.id}-${v.at}`} size="xs" c="red.8" data-testid="history-void">
                  {t('ops.voided', { count: v.quantity })} · {item.name}
                  {v.reason ? ` · ${v.reason}` : ''} · {formatDateTime(v.at, i18n.language)} · {v.by.username}
                </Text>
              )),
            )}
          </Stack>
          <Text
            fw={800}
            td={deleted ? 'line-through' : undefined}
            c={deleted ? 'dimmed' : undefined}
            style={{ whiteSpace: 'nowrap' }}
          >
            {formatWon(order.totalAmount)}
          </Text>
        </Group>
        {order.deletedAt ? (
          // Usernames are shown as typed (a Badge would upper-case them).
          <Group gap={6} data-testid="deleted-badge">
            <Badge color="red" variant="filled" tt="none">
              {t('history.deletedLabel')}
            </Badge>
            <Text size="sm" c="red.8">
              {t('history.deletedBy', {
                time: formatDateTime(order.deletedAt, i18n.language),
                by: order.deletedBy?.username ?? '—',
              })}
            </Text>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}
