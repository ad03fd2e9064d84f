import { Button, Center, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Order } from '@contract/orders';
import { useNow } from '@shared/lib/use-now';
import { errorText } from '@shared/ui/error-text';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { useBumpOrder } from '../api/bump-order';
import { useKitchenBoard } from '../api/get-kitchen-board';
import { useStations } from '../api/get-stations';
import { useReprintOrder } from '../api/reprint-order';
import { useNewOrders } from '../api/use-kitchen-live';
import { lastBumped, stationTickets } from '../kitchen-board';
import { ticketSound } from '../utils/ticket-sound';
import { PrinterBadge } from './printer-badge';
import { TicketCard } from './ticket-card';

/**
 * The kitchen display (`/admin/kitchen?station=<id>`), for a wall-mounted tablet: one station's
 * tickets, oldest first, only its lines, with age timers, big bump buttons, recall of the last
 * bumped ticket and a bell for new tickets. Live through the admin stream; after a reconnect the
 * board is fetched again.
 */
export function KitchenPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const stations = useStations();
  const board = useKitchenBoard();
  const bump = useBumpOrder();
  const reprint = useReprintOrder();
  const now = useNow(15_000);
  const soundOn = ticketSound.useEnabled();
  const [recallShown, setRecallShown] = useState(false);

  const list = stations.data ?? [];
  const station = list.find((s) => s.id === params.get('station')) ?? list[0];
  const stationId = station?.id ?? null;

  const onNewOrder = useCallback(
    (order: Order) => {
      if (stationId && order.items.some((item) => item.stationId === stationId)) ticketSound.play();
    },
    [stationId],
  );
  useNewOrders(onNewOrder);

  if (stations.isPending || board.isPending) return <LoadingState />;
  if (stations.isError) return <ErrorState error={stations.error} onRetry={() => void stations.refetch()} />;
  if (board.isError) return <ErrorState error={board.error} onRetry={() => void board.refetch()} />;
  if (!station || !stationId) return <EmptyState>{t('stations.none')}</EmptyState>;

  const tickets = stationTickets(board.data.orders, stationId);
  const recall = lastBumped(board.data.orders, stationId);
  const bumpingId = bump.isPending ? bump.variables?.orderId : null;

  const doBump = (order: Order) => {
    if (bump.isPending && bump.variables?.orderId === order.id) return;
    setRecallShown(false);
    bump.mutate(
      { orderId: order.id, stationId },
      { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) },
    );
  };
  const doReprint = (order: Order) =>
    reprint.mutate(
      { orderId: order.id, stationId },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: t('kitchen.reprinted', { orderNo: order.orderNo }) }),
        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
      },
    );

  return (
    <Stack gap="md" data-testid="kitchen-page">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Group gap="md" align="center">
          <Title order={2}>{t('kitchen.title')}</Title>
          {list.length > 1 ? (
            <SegmentedControl
              size="lg"
              aria-label={t('kitchen.station')}
              value={stationId}
              onChange={(value) => {
                setRecallShown(false);
                setParams({ station: value }, { replace: true });
              }}
              data={list.map((s) => ({ value: s.id, label: s.name }))}
            />
          ) : (
            <Text fz="xl" fw={700}>
              {station.name}
            </Text>
          )}
          <PrinterBadge station={station} size="lg" />
        </Group>
        <Group gap="sm">
          <Text fz="lg" fw={600} data-testid="ticket-count">
            {t('kitchen.tickets', { count: tickets.length })}
          </Text>
          <Button
            size="lg"
            variant="default"
            disabled={!recall}
            onClick={() => setRecallShown((shown) => !shown)}
            aria-pressed={recallShown}
            title={recall ? undefined : t('kitchen.recallNone')}
          >
            {t('kitchen.recall')}
          </Button>
          <Button
            size="lg"
            variant={soundOn ? 'light' : 'filled'}
            color={soundOn ? 'gray' : 'orange'}
            onClick={() => (soundOn ? ticketSound.disable() : ticketSound.enable())}
            aria-pressed={soundOn}
          >
            {soundOn ? t('kitchen.soundOff') : t('kitchen.soundOn')}
          </Button>
        </Group>
      </Group>

      {recallShown && recall ? (
        <div data-testid="recalled-ticket">
          <Text fw={700} mb={4}>
            {t('kitchen.recalled')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }}>
            <TicketCard
              order={recall.order}
              lines={recall.lines}
              now={now}
              onReprint={() => doReprint(recall.order)}
              recalled={{ doneAt: recall.doneAt, onClose: () => setRecallShown(false) }}
            />
          </SimpleGrid>
        </div>
      ) : null}

      {tickets.length === 0 ? (
        <Center py={60}>
          <Stack gap={4} align="center">
            <Text fz="xl" fw={700}>
              {t('kitchen.none')}
            </Text>
            <Text c="dimmed">{t('kitchen.noneHint')}</Text>
          </Stack>
        </Center>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} spacing="md">
          {tickets.map(({ order, lines }) => (
            <TicketCard
              key={order.id}
              order={order}
              lines={lines}
              now={now}
              bumping={bumpingId === order.id}
              onBump={() => doBump(order)}
              onReprint={station.printer ? () => doReprint(order) : undefined}
            />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
