import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCalls } from '@admin/lib/calls-api';
import type { DashboardTable } from '@contract/orders';
import { newOrders, useNewOrderMarks } from '../new-orders';
import { arrangeForPhone } from '../utils/phone-board';

/** Where the dashboard becomes the phone board. */
const PHONE = '(max-width: 600px)';

/**
 * The tables' cards: a grid by number on a tablet or desk; on a phone, the tables that need
 * someone first and the free ones folded into one row of numbers (a tap opens one).
 */
export function TableBoard({
  tables,
  renderCard,
}: {
  tables: DashboardTable[];
  renderCard: (table: DashboardTable) => ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE, false, { getInitialValueInEffect: false });
  const calls = useOpenCalls();
  useNewOrderMarks();
  const [unfolded, setUnfolded] = useState<string[]>([]);

  if (!phone) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md">
        {tables.map(renderCard)}
      </SimpleGrid>
    );
  }

  const board = arrangeForPhone(tables, calls.data ?? [], (table) => table.orders.filter(newOrders.isNew).length);
  const toggle = (id: string) =>
    setUnfolded((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  return (
    <Stack gap="md">
      {[...board.attention, ...board.busy].map(renderCard)}
      {board.free.length > 0 ? (
        <Paper withBorder radius="md" p="sm" data-testid="free-tables">
          <Text size="sm" fw={700} c="dimmed" mb={8} id="free-tables-label">
            {t('calls.board.freeTables', { count: board.free.length })}
          </Text>
          <Group gap={8} role="group" aria-labelledby="free-tables-label">
            {board.free.map((table) => {
              const open = unfolded.includes(table.id);
              return (
                <Button
                  key={table.id}
                  size="md"
                  miw={52}
                  px="sm"
                  variant={open ? 'light' : 'default'}
                  color={open ? 'orange' : 'gray'}
                  aria-expanded={open}
                  aria-label={t('calls.board.showTable', { number: table.number })}
                  onClick={() => toggle(table.id)}
                  data-testid="free-table"
                  data-table-number={table.number}
                >
                  {table.number}
                </Button>
              );
            })}
          </Group>
        </Paper>
      ) : null}
      {board.free.filter((table) => unfolded.includes(table.id)).map(renderCard)}
    </Stack>
  );
}
