import { Alert, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { AlertIcon } from '@shared/ui/icons';

/**
 * What closing a table settles: its orders and total, and a warning when the kitchen has not
 * finished some of them (closing archives them as they are).
 */
export function EndSessionSummary({ table }: { table: DashboardTable }) {
  const { t } = useTranslation();
  const pending = table.orders.filter((order) => order.status === 'pending').length;
  const preparing = table.orders.filter((order) => order.status === 'preparing').length;
  const unfinished = pending + preparing;
  return (
    <Stack gap="sm">
      <Text>{t('dashboard.endSessionText', { count: table.orders.length })}</Text>
      <Group justify="space-between" px="sm" py="xs" bg="gray.0" style={{ borderRadius: 8 }}>
        <Text fw={600}>{t('dashboard.total')}</Text>
        <Text fw={800} size="xl" data-testid="end-session-total">
          {formatWon(table.totalAmount)}
        </Text>
      </Group>
      {unfinished > 0 ? (
        <Alert color="yellow" icon={<AlertIcon />} data-testid="end-session-warning">
          {t('dashboard.endSessionUnfinished', {
            count: unfinished,
            detail: [
              pending > 0 ? `${t('common:status.pending')} ${pending}` : null,
              preparing > 0 ? `${t('common:status.preparing')} ${preparing}` : null,
            ]
              .filter(Boolean)
              .join(' · '),
          })}
        </Alert>
      ) : null}
      <Text>{t('dashboard.endSessionAsk')}</Text>
    </Stack>
  );
}
