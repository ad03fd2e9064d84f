import { Button, Group, Paper, Select, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { BellIcon, BellOffIcon } from '@shared/ui/icons';
import { newOrders, useNewOrderMarks } from '../new-orders';
import { newOrderSound } from '../utils/new-order-sound';

export interface DashboardFilter {
  tableId: string | null;
  inUseOnly: boolean;
}

export interface DashboardToolbarProps {
  tables: DashboardTable[];
  filter: DashboardFilter;
  onFilter: (filter: DashboardFilter) => void;
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={800} size="lg" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

export function DashboardToolbar({ tables, filter, onFilter }: DashboardToolbarProps) {
  const { t } = useTranslation();
  useNewOrderMarks();
  const soundOn = newOrderSound.useEnabled();
  const inUse = tables.filter((table) => table.sessionId !== null).length;
  const active = tables.reduce(
    (n, table) => n + table.orders.filter((order) => order.status !== 'completed').length,
    0,
  );
  const sales = tables.reduce((sum, table) => sum + table.totalAmount, 0);
  const fresh = newOrders.countIn(tables);

  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" wrap="wrap" gap="md">
        <Group gap="xl">
          <Stat label={t('dashboard.stats.inUse')} value={`${inUse} / ${tables.length}`} />
          <Stat label={t('dashboard.stats.active')} value={String(active)} testId="active-orders" />
          <Stat label={t('dashboard.stats.sales')} value={formatWon(sales)} />
        </Group>
        <Group gap="sm">
          <Select
            aria-label={t('dashboard.filter.label')}
            w={160}
            value={filter.tableId ?? 'all'}
            onChange={(value) => onFilter({ ...filter, tableId: !value || value === 'all' ? null : value })}
            data={[
              { value: 'all', label: t('dashboard.filter.all') },
              ...tables.map((table) => ({
                value: table.id,
                label: t('table.name', { number: table.number }),
              })),
            ]}
            allowDeselect={false}
            data-testid="table-filter"
          />
          <Switch
            label={t('dashboard.filter.inUseOnly')}
            checked={filter.inUseOnly}
            onChange={(e) => onFilter({ ...filter, inUseOnly: e.currentTarget.checked })}
          />
          {/* Browsers start every page silent until a tap, so "off" must be hard to miss. */}
          <Button
            variant="light"
            color={soundOn ? 'teal' : 'red'}
            leftSection={soundOn ? <BellIcon /> : <BellOffIcon />}
            onClick={() => (soundOn ? newOrderSound.disable() : newOrderSound.enable())}
            aria-pressed={soundOn}
            data-testid="sound-toggle"
            data-sound={soundOn ? 'on' : 'off'}
          >
            {soundOn ? t('dashboard.sound.on') : t('dashboard.sound.off')}
          </Button>
          <Button color="orange" disabled={fresh === 0} onClick={() => newOrders.acknowledgeAll(tables)}>
            {t('dashboard.acknowledgeAll', { count: fresh })}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
