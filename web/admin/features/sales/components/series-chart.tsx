import { BarChart } from '@mantine/charts';
import { Button, Collapse, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatWon } from '@shared/lib/format';

export interface SeriesPoint {
  /** What the axis and the table show for the point (a date, an hour). */
  label: string;
  orders: number;
  salesAmount: number;
}

/**
 * A bar chart of sales with its text alternative: a one-line summary read as the chart's name,
 * and the same figures as a table behind a button, for screen readers and for exact numbers.
 */
export function SeriesChart(props: {
  title: string;
  summary: string;
  /** The table's first column heading (날짜, 시간). */
  labelHeader: string;
  points: SeriesPoint[];
  testId: string;
}) {
  const { t } = useTranslation();
  const [tableOpen, table] = useDisclosure(false);
  const tableId = useId();
  const data = props.points.map((point) => ({ label: point.label, salesAmount: point.salesAmount }));
  return (
    <Paper withBorder radius="md" p="md" data-testid={props.testId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4">
              {props.title}
            </Title>
            <Text size="sm" c="dimmed">
              {props.summary}
            </Text>
          </div>
          <Button variant="subtle" size="xs" onClick={table.toggle} aria-expanded={tableOpen} aria-controls={tableId}>
            {tableOpen ? t('sales.table.hide') : t('sales.table.show')}
          </Button>
        </Group>
        <div role="img" aria-label={`${props.title}: ${props.summary}`}>
          <BarChart
            h={240}
            data={data}
            dataKey="label"
            series={[{ name: 'salesAmount', label: t('sales.table.sales'), color: 'orange.6' }]}
            valueFormatter={formatWon}
            yAxisProps={{ width: 80, tickFormatter: (value: number) => value.toLocaleString('ko-KR') }}
            tickLine="y"
            gridAxis="y"
            withTooltip
          />
        </div>
        <Collapse expanded={tableOpen}>
          <Table id={tableId} striped withTableBorder fz="sm" data-testid={`${props.testId}-table`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{props.labelHeader}</Table.Th>
                <Table.Th ta="right">{t('sales.table.orders')}</Table.Th>
                <Table.Th ta="right">{t('sales.table.sales')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.points.map((point) => (
                <Table.Tr key={point.label}>
                  <Table.Td>{point.label}</Table.Td>
                  <Table.Td ta="right">{point.orders.toLocaleString('ko-KR')}</Table.Td>
                  <Table.Td ta="right">{formatWon(point.salesAmount)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Collapse>
      </Stack>
    </Paper>
  );
}
