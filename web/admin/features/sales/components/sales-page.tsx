import '@mantine/charts/styles.css';
import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPORT_DAYS, type SalesReport } from '@contract/reports';
import type { DateRange } from '@shared/lib/date-ranges';
import { formatTime, formatWon, localDate } from '@shared/lib/format';
import { DateRangePicker } from '@shared/ui/date-range-picker';
import { errorText } from '@shared/ui/error-text';
import { PageHeader } from '@shared/ui/page-header';
import { ErrorState, LoadingState } from '@shared/ui/query-state';
import { useExportSalesCsv } from '../api/export-sales-csv';
import { useSalesReport } from '../api/get-sales-report';
import { bestDay, busiestHour, hoursToShow, shortDate } from '../sales-summary';
import { PaymentMethods } from './payment-methods';
import { SeriesChart } from './series-chart';
import { TopMenus } from './top-menus';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={800} fz={{ base: 'lg', sm: 'xl' }}>
        {value}
      </Text>
    </Paper>
  );
}

function Totals({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  const { totals } = report;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
      <Stat label={t('sales.totals.sales')} value={formatWon(totals.salesAmount)} testId="sales-total" />
      <Stat
        label={t('sales.totals.orders')}
        value={t('sales.totals.ordersCount', { count: totals.orders })}
        testId="sales-orders"
      />
      <Stat label={t('sales.totals.average')} value={formatWon(totals.averageOrderAmount)} testId="sales-average" />
      <Stat
        label={t('sales.totals.sessions')}
        value={t('sales.totals.sessionsCount', { count: totals.sessions })}
        testId="sales-sessions"
      />
      <Stat
        label={t('sales.totals.guests')}
        value={t('sales.totals.guestsCount', { count: totals.guests })}
        testId="sales-guests"
      />
    </SimpleGrid>
  );
}

function Report({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  const best = bestDay(report.byDay);
  const busy = busiestHour(report.byHour);
  const hourLabel = (hour: number) => t('sales.hourly.hour', { hour });
  return (
    <Stack gap="md">
      <Totals report={report} />
      <SeriesChart
        testId="sales-daily"
        title={t('sales.daily.title')}
        summary={
          best
            ? t('sales.daily.summary', {
                days: report.byDay.length,
                total: formatWon(report.totals.salesAmount),
                best: shortDate(best.date),
                amount: formatWon(best.salesAmount),
              })
            : t('sales.daily.empty')
        }
        labelHeader={t('sales.table.date')}
        points={report.byDay.map((day) => ({ ...day, label: shortDate(day.date) }))}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <SeriesChart
          testId="sales-hourly"
          title={t('sales.hourly.title')}
          summary={
            busy
              ? t('sales.hourly.summary', {
                  hour: busy.hour,
                  orders: busy.orders,
                  amount: formatWon(busy.salesAmount),
                })
              : t('sales.daily.empty')
          }
          labelHeader={t('sales.table.hour')}
          points={hoursToShow(report.byHour).map((hour) => ({ ...hour, label: hourLabel(hour.hour) }))}
        />
        <PaymentMethods report={report} />
      </SimpleGrid>
      <TopMenus report={report} />
    </Stack>
  );
}

/** The device sits in the restaurant; its zone stands in for the store's until the report says. */
const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** 매출 (owners): a period's sales, charts, best sellers, payment methods, and the Excel export. */
export function SalesPage() {
  const { t } = useTranslation();
  // null: today, as the server counts it in the store's time zone.
  const [range, setRange] = useState<DateRange | null>(null);
  const report = useSalesReport(range);
  const exporter = useExportSalesCsv();
  const timezone = report.data?.timezone ?? deviceZone;
  const today = localDate(new Date(), timezone);
  const shown: DateRange = range ?? { from: report.data?.from ?? today, to: report.data?.to ?? today };

  const exportCsv = () =>
    exporter.mutate(shown, {
      onSuccess: (file) => notifications.show({ color: 'teal', message: t('sales.exported', { file }) }),
      onError: (error) =>
        notifications.show({ color: 'red', title: t('sales.exportFailed'), message: errorText(t, error) }),
    });

  return (
    <Stack>
      <PageHeader
        title={t('sales.title')}
        subtitle={t('sales.subtitle', { timezone })}
        action={
          <Button onClick={exportCsv} loading={exporter.isPending} data-testid="sales-export">
            {t('sales.export')}
          </Button>
        }
      />
      <Paper withBorder p="sm" radius="md">
        <Group justify="space-between" align="flex-end" gap="sm">
          <DateRangePicker value={shown} today={today} onChange={setRange} maxDays={MAX_REPORT_DAYS} />
          {report.dataUpdatedAt > 0 ? (
            <Text size="xs" c="dimmed" aria-live="polite">
              {t('sales.refreshed', { time: formatTime(new Date(report.dataUpdatedAt).toISOString(), timezone) })}
            </Text>
          ) : null}
        </Group>
      </Paper>
      {report.isPending ? (
        <LoadingState />
      ) : report.isError && !report.data ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data ? (
        <Report report={report.data} />
      ) : null}
    </Stack>
  );
}
