import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Order, OrderItem } from '@contract/orders';
import { type AgeLevel, ticketAge } from '../kitchen-board';

const LEVEL_COLOR: Record<AgeLevel, string> = { fresh: 'gray', amber: 'yellow', red: 'red' };
const LEVEL_BORDER: Record<AgeLevel, string> = {
  fresh: 'var(--mantine-color-gray-3)',
  amber: 'var(--mantine-color-yellow-6)',
  red: 'var(--mantine-color-red-7)',
};

export interface TicketCardProps {
  order: Order;
  lines: OrderItem[];
  now: number;
  onBump?: () => void;
  bumping?: boolean;
  onReprint?: () => void;
  /** A bumped ticket shown again (recall): when it was done, and how to put it away. */
  recalled?: { doneAt: string; onClose: () => void };
}

/**
 * One kitchen ticket, readable across a kitchen: the table and order number big, the age as a
 * number with its colour (amber from 10 min, red from 20 — said in words too), each of the
 * station's lines in large type with options and notes, and a big bump button.
 */
export function TicketCard({ order, lines, now, onBump, bumping, onReprint, recalled }: TicketCardProps) {
  const { t, i18n } = useTranslation();
  const age = ticketAge(order.createdAt, now);
  const source = t(`kitchen.source.${order.source}`);
  const doneTime = recalled
    ? new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(new Date(recalled.doneAt))
    : null;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="kitchen-ticket"
      data-order-no={order.orderNo}
      data-age={age.level}
      aria-label={`${t('kitchen.table', { number: order.tableNumber })} ${t('kitchen.orderNo', { orderNo: order.orderNo })}`}
      style={{
        borderWidth: recalled ? 2 : 4,
        borderStyle: recalled ? 'dashed' : 'solid',
        borderColor: recalled ? 'var(--mantine-color-gray-5)' : LEVEL_BORDER[age.level],
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div>
          <Text fz={30} fw={800} lh={1.1}>
            {t('kitchen.table', { number: order.tableNumber })}
          </Text>
          <Text fz="lg" fw={600} c="dimmed">
            {t('kitchen.orderNo', { orderNo: order.orderNo })}
            {source ? ` · ${source}` : ''}
          </Text>
        </div>
        {recalled ? (
          <Badge size="xl" color="gray" variant="light">
            {t('kitchen.recalledAt', { time: doneTime })}
          </Badge>
        ) : (
          <Badge
            size="xl"
            color={LEVEL_COLOR[age.level]}
            variant={age.level === 'fresh' ? 'light' : 'filled'}
            data-testid="ticket-age"
          >
            {t('kitchen.minutes', { minutes: age.minutes })}
            {age.level === 'fresh' ? '' : ` · ${t(`kitchen.level.${age.level}`)}`}
          </Badge>
        )}
      </Group>

      <Stack gap={10} my="md" style={{ flex: 1 }}>
        {lines.map((line) => (
          <div key={line.id} data-testid="ticket-line">
            <Group gap="sm" wrap="nowrap" align="baseline">
              <Text fz={28} fw={800} miw={48} ta="right">
                {line.quantity - line.voidedQuantity}
              </Text>
              <Text fz={26} fw={700} lh={1.2}>
                {line.name}
              </Text>
            </Group>
            {line.options.length > 0 ? (
              <Text fz="xl" ml={64} c="blue.8" fw={600}>
                + {line.options.map((option) => option.name).join(', ')}
              </Text>
            ) : null}
            {line.note ? (
              <Text fz="xl" ml={64} c="red.8" fw={700} style={{ whiteSpace: 'pre-wrap' }}>
                * {line.note}
              </Text>
            ) : null}
          </div>
        ))}
        {order.note ? (
          <Text fz="xl" fw={700} c="red.8" p="xs" bg="red.0" style={{ borderRadius: 8, whiteSpace: 'pre-wrap' }}>
            {t('kitchen.orderNote')}: {order.note}
          </Text>
        ) : null}
      </Stack>

      <Group gap="sm" wrap="nowrap">
        {recalled ? (
          <Button size="xl" variant="default" fullWidth onClick={recalled.onClose}>
            {t('kitchen.closeRecall')}
          </Button>
        ) : (
          <Button
            size="xl"
            color="teal"
            fullWidth
            loading={bumping}
            onClick={onBump}
            aria-label={t('kitchen.bumpLabel', { number: order.tableNumber, orderNo: order.orderNo })}
            data-testid="bump"
          >
            {t('kitchen.bump')}
          </Button>
        )}
        {onReprint ? (
          <Button
            size="xl"
            variant="light"
            color="gray"
            onClick={onReprint}
            aria-label={t('kitchen.reprintLabel', { number: order.tableNumber, orderNo: order.orderNo })}
          >
            {t('kitchen.reprint')}
          </Button>
        ) : null}
      </Group>
    </Card>
  );
}
