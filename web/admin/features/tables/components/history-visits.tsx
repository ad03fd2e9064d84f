import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Visit, VisitLogEntry } from '@contract/payments';
import { formatDateTime, formatTime, formatWon } from '@shared/lib/format';

const num = (value: unknown) => (typeof value === 'number' ? value : 0);

/** One line of a visit's story, in words. */
function logText(t: TFunction, entry: VisitLogEntry): string {
  const d = entry.data;
  const method = typeof d.method === 'string' ? t(`ops.methods.${d.method}`) : '';
  switch (entry.kind) {
    case 'moved':
      return t('visits.log.moved', { from: d.fromTableNumber, to: d.toTableNumber });
    case 'merged':
      return t('visits.log.merged', { from: d.fromTableNumber, into: d.intoTableNumber });
    case 'order-moved':
      return d.direction === 'in'
        ? t('visits.log.orderMovedIn', { no: d.orderNo, from: d.fromTableNumber })
        : t('visits.log.orderMovedOut', { no: d.orderNo, to: d.toTableNumber });
    case 'voided':
      return t('visits.log.voided', {
        no: d.orderNo,
        amount: formatWon(num(d.amount)),
        reason: typeof d.reason === 'string' && d.reason ? ` · ${d.reason}` : '',
      });
    case 'payment':
      return t('visits.log.payment', { amount: formatWon(num(d.amount)), method });
    case 'refund':
      return t('visits.log.refund', { amount: formatWon(num(d.amount)), method });
    default:
      return t(`visits.log.${entry.kind}`);
  }
}

/** The table's closed visits: money, payments and what happened (voids, moves, merges), with who. */
export function HistoryVisits({ visits }: { visits: Visit[] }) {
  const { t, i18n } = useTranslation();
  if (visits.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="history-visits">
      <Title order={3} size="h4">
        {t('visits.title', { count: visits.length })}
      </Title>
      {visits.map((visit) => (
        <Paper
          key={visit.sessionId}
          withBorder
          radius="md"
          p="sm"
          data-testid="history-visit"
          data-close-reason={visit.closeReason}
        >
          <Stack gap={6}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Group gap="xs">
                <Text fw={700}>
                  {t('visits.when', {
                    from: formatDateTime(visit.openedAt, i18n.language),
                    to: visit.closedAt ? formatTime(visit.closedAt) : '',
                  })}
                </Text>
                {visit.guests !== null ? (
                  <Badge variant="light">{t('visits.guests', { count: visit.guests })}</Badge>
                ) : null}
                {visit.closeReason ? (
                  <Badge variant="outline" color="gray" tt="none">
                    {t(`visits.reasons.${visit.closeReason}`)}
                  </Badge>
                ) : null}
                {visit.closedWithDue ? (
                  <Badge color="red" tt="none" data-testid="visit-closed-with-due">
                    {t('visits.closedWithDue')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" fw={700}>
                {t('visits.money', { total: formatWon(visit.totalAmount), paid: formatWon(visit.paidAmount) })}
                {visit.dueAmount > 0 ? ` · ${t('visits.due', { amount: formatWon(visit.dueAmount) })}` : ''}
                {visit.dueAmount < 0 ? ` · ${t('visits.giveBack', { amount: formatWon(-visit.dueAmount) })}` : ''}
              </Text>
            </Group>
            <Stack gap={2}>
              {visit.log
                .filter((entry) => entry.kind !== 'opened' && entry.kind !== 'closed')
                .map((entry, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the log is append-only, in time order
                  <Text key={i} size="sm" c="dimmed" data-testid="visit-log" data-kind={entry.kind}>
                    {formatTime(entry.at)} · {logText(t, entry)}
                    {entry.by ? ` · ${entry.by.username}` : ''}
                  </Text>
                ))}
            </Stack>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
