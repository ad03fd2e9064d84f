import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { HistoryOrder } from '@contract/orders';
import type { Table as TableInfo } from '@contract/tables';
import { formatDateTime, formatWon, localDate } from '@shared/lib/format';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { useTableHistory } from '../api/get-table-history';
import { useTables } from '../api/get-tables';
import { HistoryCalls } from './history-calls';
import { HistoryOrderCard } from './history-order-card';
import { HistoryVisits } from './history-visits';

/** The device sits in the restaurant, so its zone is the store's for picking "today". */
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function daysAgo(days: number): string {
  return localDate(new Date(Date.now() - days * 86_400_000), deviceZone);
}

/** Orders grouped by the visit (session) they belonged to, newest visit first. */
function byVisit(orders: HistoryOrder[]): HistoryOrder[][] {
  const groups: HistoryOrder[][] = [];
  for (const order of orders) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.sessionId === order.sessionId) last.push(order);
    else groups.push([order]);
  }
  return groups;
}

// ISO-8601 UTC timestamps sort as text.
const earliest = (times: string[]) => times.toSorted()[0] ?? '';
const latest = (times: string[]) => times.toSorted().at(-1) ?? '';

/**
 * A visit's heading that tells the truth. A deleted order is archived at once, so the visit it
 * belonged to may still be going on (the table's open session): that is said, not "closed". A
 * closed visit's time is when its kept orders were archived, which is when the table was closed.
 */
function VisitHeading({ visit, openSession }: { visit: HistoryOrder[]; openSession: TableInfo | undefined }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const kept = visit.filter((order) => order.deletedAt === null);
  const isOpen = openSession?.sessionId != null && openSession.sessionId === visit[0]?.sessionId;
  if (isOpen) {
    return (
      <div data-testid="visit-heading" data-visit="open">
        <Group gap="xs">
          <Badge color="teal" variant="light">
            {t('table.inUse')}
          </Badge>
          <Text size="sm" fw={700} c="dimmed">
            {t('history.visitOpen', {
              time: when(openSession.sessionStartedAt ?? earliest(visit.map((order) => order.createdAt))),
            })}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('history.visitOpenNote')}
        </Text>
      </div>
    );
  }
  if (kept.length === 0) {
    return (
      <Text size="sm" fw={700} c="dimmed" data-testid="visit-heading" data-visit="deleted">
        {t('history.visitAllDeleted', { time: when(earliest(visit.map((order) => order.createdAt))) })}
      </Text>
    );
  }
  return (
    <Text size="sm" fw={700} c="dimmed" data-testid="visit-heading" data-visit="closed">
      {t('history.visit', {
        time: when(latest(kept.map((order) => order.archivedAt))),
        total: formatWon(kept.reduce((sum, order) => sum + order.totalAmount, 0)),
      })}
    </Text>
  );
}

export function TableHistoryPage() {
  const { t } = useTranslation();
  const { tableId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? daysAgo(6);
  const to = params.get('to') ?? daysAgo(0);
  const badRange = from !== '' && to !== '' && from > to;
  const tables = useTables();
  const history = useTableHistory(tableId, { from, to }, !badRange);
  const table = tables.data?.find((candidate) => candidate.id === tableId);

  const setRange = (next: { from: string; to: string }) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        out.set('from', next.from);
        out.set('to', next.to);
        return out;
      },
      { replace: true },
    );

  const orders = history.data?.orders ?? [];
  const kept = orders.filter((order) => order.deletedAt === null);
  const total = kept.reduce((sum, order) => sum + order.totalAmount, 0);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Anchor component={Link} to="/tables" size="sm">
            {t('history.back')}
          </Anchor>
          <Title order={2}>{table ? t('history.title', { number: table.number }) : t('history.titleUnknown')}</Title>
        </div>
      </Group>

      <Paper withBorder p="sm" radius="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t('history.from')}
            value={from}
            max={to || undefined}
            onChange={(e) => setRange({ from: e.currentTarget.value, to })}
            error={badRange ? t('history.badRange') : undefined}
            data-testid="history-from"
          />
          <TextInput
            type="date"
            label={t('history.to')}
            value={to}
            min={from || undefined}
            onChange={(e) => setRange({ from, to: e.currentTarget.value })}
            data-testid="history-to"
          />
          <Button variant="default" onClick={() => setRange({ from: daysAgo(0), to: daysAgo(0) })}>
            {t('history.today')}
          </Button>
          <Button variant="default" onClick={() => setRange({ from: daysAgo(6), to: daysAgo(0) })}>
            {t('history.week')}
          </Button>
          <Button variant="default" onClick={() => setRange({ from: daysAgo(29), to: daysAgo(0) })}>
            {t('history.month')}
          </Button>
          <Button variant="default" onClick={() => setRange({ from: '', to: '' })}>
            {t('history.all')}
          </Button>
        </Group>
      </Paper>

      {badRange ? (
        <Alert color="yellow">{t('history.badRange')}</Alert>
      ) : history.data === undefined ? (
        history.isError ? (
          <ErrorState error={history.error} onRetry={() => history.refetch()} />
        ) : (
          <LoadingState />
        )
      ) : orders.length === 0 ? (
        <EmptyState>{t('history.none')}</EmptyState>
      ) : (
        <Stack gap="lg" data-testid="history-list">
          <Text c="dimmed" size="sm">
            {t('history.summary', {
              count: kept.length,
              total: formatWon(total),
              deleted: orders.length - kept.length,
            })}
          </Text>
          {byVisit(orders).map((visit) => (
            <Stack key={visit[0]?.sessionId} gap="xs">
              <VisitHeading visit={visit} openSession={table} />
              {visit.map((order) => (
                <HistoryOrderCard key={order.id} order={order} />
              ))}
            </Stack>
          ))}
        </Stack>
      )}
      {badRange ? null : <HistoryVisits visits={history.data?.visits ?? []} />}
      {badRange ? null : <HistoryCalls calls={history.data?.calls ?? []} />}
    </Stack>
  );
}
