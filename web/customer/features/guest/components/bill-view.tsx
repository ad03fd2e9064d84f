import { Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMoney } from '@customer/lib/money';
import { useBill } from '../api/table-service';

/**
 * What the visit owes: from the bill when the server has one, else the orders' total (payments
 * are then only known at the counter).
 */
export function BillView({ ordersTotal }: { ordersTotal: number }) {
  const { t } = useTranslation();
  const money = useMoney();
  const bill = useBill(true);
  const row = (label: string, amount: number, strong = false) => (
    <Group justify="space-between">
      <Text fz={strong ? 'xl' : 'lg'} fw={strong ? 800 : 600}>
        {label}
      </Text>
      <Text
        fz={strong ? 28 : 'lg'}
        fw={800}
        c={strong ? 'orange.9' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {money(amount)}
      </Text>
    </Group>
  );
  return (
    <Stack gap="md" p="lg" data-testid="guest-bill">
      <Title order={2} fz={24}>
        {t('guest.billTitle')}
      </Title>
      {bill.isPending ? (
        <Loader color="orange" />
      ) : bill.data ? (
        <>
          {row(t('guest.billTotal'), bill.data.totalAmount)}
          {row(t('guest.billPaid'), bill.data.paidAmount)}
          {row(t('guest.billDue'), bill.data.dueAmount, true)}
        </>
      ) : (
        <>
          {row(t('guest.billTotal'), ordersTotal, true)}
          <Text c="dimmed">{t('guest.billFallback')}</Text>
        </>
      )}
    </Stack>
  );
}
