import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_REPORT_DAYS, type StoreSales } from '@contract/reports';
import { type DateRange, presetRange } from '@shared/lib/date-ranges';
import { formatWon, localDate } from '@shared/lib/format';
import { DateRangePicker } from '@shared/ui/date-range-picker';
import { PageHeader } from '@shared/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { useStoresSales } from '../api/get-stores-sales';

/** Headquarters' calendar for picking dates; each store's figures use its own time zone. */
const HQ_ZONE = 'Asia/Seoul';

function StoresTable({ stores }: { stores: StoreSales[] }) {
  const { t } = useTranslation();
  const orders = stores.reduce((sum, store) => sum + store.orders, 0);
  const sales = stores.reduce((sum, store) => sum + store.salesAmount, 0);
  const share = (amount: number) => (sales > 0 ? `${Math.round((amount / sales) * 100)}%` : '—');
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('sales.code')}</Table.Th>
              <Table.Th>{t('sales.name')}</Table.Th>
              <Table.Th>{t('sales.timezone')}</Table.Th>
              <Table.Th ta="right">{t('sales.orders')}</Table.Th>
              <Table.Th ta="right">{t('sales.sales')}</Table.Th>
              <Table.Th ta="right">{t('sales.average')}</Table.Th>
              <Table.Th ta="right">{t('sales.share')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {stores.map((store) => (
              <Table.Tr key={store.storeId} data-testid="store-sales-row" data-store-code={store.code}>
                <Table.Td>
                  <Text ff="monospace" fw={600}>
                    {store.code}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={600}>{store.name}</Text>
                    {store.isActive ? null : (
                      <Badge color="gray" variant="light">
                        {t('sales.inactive')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{store.timezone}</Table.Td>
                <Table.Td ta="right">{store.orders.toLocaleString('ko-KR')}</Table.Td>
                <Table.Td ta="right" fw={700}>
                  {formatWon(store.salesAmount)}
                </Table.Td>
                <Table.Td ta="right">{formatWon(store.averageOrderAmount)}</Table.Td>
                <Table.Td ta="right">{share(store.salesAmount)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3}>{t('sales.total', { count: stores.length })}</Table.Th>
              <Table.Th ta="right">{orders.toLocaleString('ko-KR')}</Table.Th>
              <Table.Th ta="right" data-testid="stores-sales-total">
                {formatWon(sales)}
              </Table.Th>
              <Table.Th ta="right">{formatWon(orders > 0 ? Math.floor(sales / orders) : 0)}</Table.Th>
              <Table.Th ta="right">{sales > 0 ? '100%' : '—'}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

/** 매출 비교: orders and sales of every store over the same dates. */
export function StoresSalesPage() {
  const { t } = useTranslation();
  const today = localDate(new Date(), HQ_ZONE);
  const [range, setRange] = useState<DateRange>(() => presetRange('today', today));
  const report = useStoresSales(range);
  return (
    <Stack>
      <PageHeader title={t('sales.title')} subtitle={t('sales.subtitle')} />
      <Paper withBorder p="sm" radius="md">
        <DateRangePicker value={range} today={today} onChange={setRange} maxDays={MAX_REPORT_DAYS} />
      </Paper>
      {report.isPending ? (
        <LoadingState />
      ) : report.isError && !report.data ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data && report.data.stores.length > 0 ? (
        <StoresTable stores={report.data.stores} />
      ) : (
        <EmptyState>{t('sales.none')}</EmptyState>
      )}
    </Stack>
  );
}
