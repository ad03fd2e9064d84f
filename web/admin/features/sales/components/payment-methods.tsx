import { Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '@contract/reports';
import { formatWon } from '@shared/lib/format';

const COLORS = { card: 'orange', cash: 'teal', transfer: 'blue', voucher: 'grape', other: 'gray' } as const;

/** What was paid in the period, by method, largest first (refunds left out). */
export function PaymentMethods({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  const total = report.payments.reduce((sum, payment) => sum + payment.amount, 0);
  return (
    <Paper withBorder radius="md" p="md" data-testid="sales-payments">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('sales.payments.title')}
        </Title>
        {report.payments.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('sales.payments.empty')}
          </Text>
        ) : (
          <>
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {report.payments.map((payment) => {
                const label = t(`sales.payments.methods.${payment.method}`);
                const share = total > 0 ? Math.round((payment.amount / total) * 100) : 0;
                return (
                  <li key={payment.method} data-testid="payment-row" data-method={payment.method}>
                    <Group justify="space-between" gap="xs">
                      <Text fw={600}>{label}</Text>
                      <Text fw={700}>{formatWon(payment.amount)}</Text>
                    </Group>
                    <Progress
                      value={share}
                      color={COLORS[payment.method]}
                      size="md"
                      aria-label={`${label} ${share}%`}
                    />
                    <Text size="xs" c="dimmed">
                      {t('sales.payments.countValue', { count: payment.count })} · {share}%
                    </Text>
                  </li>
                );
              })}
            </Stack>
            <Group justify="space-between" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
              <Text c="dimmed">{t('sales.payments.total')}</Text>
              <Text fw={800}>{formatWon(total)}</Text>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
