import { Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '@contract/reports';
import { formatWon } from '@shared/lib/format';
import { shareOf } from '../sales-summary';

/** The ten best sellers by sales, with portions sold and their share of all sales. */
export function TopMenus({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" data-testid="sales-top-menus">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('sales.top.title')}
        </Title>
        {report.topMenus.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('sales.top.empty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={56}>{t('sales.top.rank')}</Table.Th>
                  <Table.Th>{t('sales.top.name')}</Table.Th>
                  <Table.Th ta="right">{t('sales.top.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('sales.top.sales')}</Table.Th>
                  <Table.Th w="22%">{t('sales.top.share')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.topMenus.map((menu, index) => {
                  const share = shareOf(menu, report);
                  return (
                    <Table.Tr key={menu.menuId} data-testid="top-menu-row">
                      <Table.Td fw={700}>{index + 1}</Table.Td>
                      <Table.Td fw={600}>{menu.name}</Table.Td>
                      <Table.Td ta="right">{menu.quantity.toLocaleString('ko-KR')}</Table.Td>
                      <Table.Td ta="right">{formatWon(menu.salesAmount)}</Table.Td>
                      <Table.Td>
                        <Progress value={share} color="orange" size="lg" aria-label={`${menu.name} ${share}%`} />
                        <Text size="xs" c="dimmed">
                          {share}%
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
