import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';
import { PAYMENT_METHODS, type Payment, type PaymentMethod } from '@contract/payments';
import { formatTime, formatWon } from '@shared/lib/format';
import { errorText } from '@shared/ui/error-text';
import { LoadingState } from '@shared/ui/query-state';
import { newKey, useBill, useRecordPayment, useRefundPayment } from '../api/table-ops';
import { equalShares, itemsShare } from '../utils/split';

type Mode = 'whole' | 'equal' | 'items';

/** One share to record: its amount, its method, and whether it went through. */
function ShareRow(props: {
  label: string;
  amount: number;
  tableId: string;
  done: boolean;
  disabled?: boolean;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const record = useRecordPayment();
  const [method, setMethod] = useState<PaymentMethod>('card');
  const [key] = useState(newKey);
  return (
    <Stack gap={6} data-testid="checkout-share" data-done={props.done || undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={700}>{props.label}</Text>
        <Text fw={800} size="lg" data-testid="checkout-share-amount">
          {formatWon(props.amount)}
        </Text>
      </Group>
      {props.done ? (
        <Badge color="teal" variant="light" size="lg">
          {t('ops.done')} · {t(`ops.methods.${method}`)}
        </Badge>
      ) : (
        <Group gap="xs" wrap="nowrap">
          <SegmentedControl
            size="xs"
            value={method}
            onChange={(value) => setMethod(value as PaymentMethod)}
            data={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`ops.methods.${m}`) }))}
            data-testid="checkout-method"
          />
          <Button
            size="xs"
            disabled={props.disabled || props.amount <= 0}
            loading={record.isPending}
            data-testid="checkout-record"
            onClick={() =>
              record.mutate(
                { tableId: props.tableId, key, body: { method, amount: props.amount } },
                {
                  onSuccess: () => {
                    notifications.show({
                      color: 'teal',
                      message: t('ops.recorded', { amount: formatWon(props.amount) }),
                    });
                    props.onRecorded();
                  },
                },
              )
            }
          >
            {t('ops.record', { amount: formatWon(props.amount) })}
          </Button>
        </Group>
      )}
      {record.error ? (
        <Alert color="red" role="alert" p="xs">
          {errorText(t, record.error)}
        </Alert>
      ) : null}
    </Stack>
  );
}

/**
 * 계산: the table's bill (ordered, paid, due, live), its payments with refunds, and three ways
 * to take the money — at once, equally among N people (remainder on the last share), or by what
 * each person had (더치페이). Every share is recorded with its own method.
 */
export function CheckoutModal({ table, onClose }: { table: DashboardTable | null; onClose: () => void }) {
  const { t } = useTranslation();
  const bill = useBill(table?.id ?? null);
  const refund = useRefundPayment();
  const [mode, setMode] = useState<Mode>('whole');
  const [amount, setAmount] = useState<number | string>('');
  const [cash, setCash] = useState<number | string>('');
  const [people, setPeople] = useState<number | string>(2);
  // The amount an equal split was made of, fixed when it started (shares do not move as they are paid).
  const [splitOf, setSplitOf] = useState<number | null>(null);
  const [sharesDone, setSharesDone] = useState<number[]>([]);
  const [picked, setPicked] = useState<Record<string, number>>({});
  const [paidLines, setPaidLines] = useState<Record<string, number>>({});
  const [round, setRound] = useState(0);

  const close = () => {
    setMode('whole');
    setAmount('');
    setCash('');
    setSplitOf(null);
    setSharesDone([]);
    setPicked({});
    setPaidLines({});
    refund.reset();
    onClose();
  };

  const data = bill.data;
  const due = data?.dueAmount ?? 0;
  const n = typeof people === 'number' ? people : 2;
  const shares = equalShares(splitOf ?? due, n);
  const lines = (table?.orders ?? []).flatMap((order) =>
    order.items
      .map((item) => ({
        ...item,
        orderNo: order.orderNo,
        left: item.quantity - item.voidedQuantity - (paidLines[item.id] ?? 0),
      }))
      .filter((item) => item.quantity - item.voidedQuantity > 0),
  );
  const pickedLines = lines.filter((line) => (picked[line.id] ?? 0) > 0);
  const pickedAmount = itemsShare(
    pickedLines.map((line) => ({ unitPrice: line.unitPrice, quantity: picked[line.id] ?? 0 })),
  );
  const wholeAmount = typeof amount === 'number' ? amount : due;
  const change = typeof cash === 'number' && cash > wholeAmount ? cash - wholeAmount : 0;

  const money = (label: string, value: number, testId: string, strong = false) => (
    <Stack gap={0} align="center">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        fw={800}
        size={strong ? '28px' : 'xl'}
        c={strong ? (value < 0 ? 'red' : 'orange.8') : undefined}
        data-testid={testId}
      >
        {formatWon(value)}
      </Text>
    </Stack>
  );

  return (
    <Modal
      opened={table !== null}
      onClose={close}
      size="xl"
      title={<Text fw={800}>{t('ops.checkoutTitle', { number: table?.number ?? '' })}</Text>}
    >
      {!data ? (
        <LoadingState />
      ) : (
        <Stack data-testid="checkout">
          <SimpleGrid cols={3}>
            {money(t('ops.total'), data.totalAmount, 'checkout-total')}
            {money(t('ops.paid'), data.paidAmount, 'checkout-paid')}
            {money(
              data.dueAmount < 0 ? t('ops.giveBack') : t('ops.due'),
              Math.abs(data.dueAmount),
              'checkout-due',
              true,
            )}
          </SimpleGrid>
          <Divider />
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={(value) => {
              setMode(value as Mode);
              setSplitOf(null);
              setSharesDone([]);
            }}
            data={[
              { value: 'whole', label: t('ops.whole') },
              { value: 'equal', label: t('ops.equal') },
              { value: 'items', label: t('ops.byItems') },
            ]}
            data-testid="checkout-mode"
          />

          {mode === 'whole' && (
            <Stack gap="xs">
              <Group grow>
                <NumberInput
                  label={t('ops.amount')}
                  min={1}
                  max={Math.max(1, due)}
                  thousandSeparator=","
                  placeholder={formatWon(due)}
                  value={amount}
                  onChange={setAmount}
                  data-testid="checkout-amount"
                />
                <NumberInput
                  label={t('ops.cashReceived')}
                  min={0}
                  thousandSeparator=","
                  value={cash}
                  onChange={setCash}
                  description={change > 0 ? t('ops.change', { amount: formatWon(change) }) : undefined}
                />
              </Group>
              <ShareRow
                key={`whole-${round}`}
                label={t('ops.amount')}
                amount={wholeAmount}
                tableId={table?.id ?? ''}
                done={false}
                disabled={due <= 0}
                onRecorded={() => {
                  setAmount('');
                  setCash('');
                  setRound((r) => r + 1);
                }}
              />
            </Stack>
          )}

          {mode === 'equal' && (
            <Stack gap="sm">
              <Group align="flex-end">
                <NumberInput
                  label={t('ops.people')}
                  min={2}
                  max={99}
                  value={people}
                  onChange={(value) => {
                    setPeople(value);
                    setSplitOf(null);
                    setSharesDone([]);
                  }}
                  disabled={sharesDone.length > 0}
                  data-testid="checkout-people"
                  w={140}
                />
              </Group>
              {shares.map((share, i) => (
                <ShareRow
                  // A share is a position in the split; another N or amount starts new rows (new keys).
                  // biome-ignore lint/suspicious/noArrayIndexKey: a share is its position in the split
                  key={`${splitOf ?? due}-${n}-${i}`}
                  label={t('ops.share', { n: i + 1 })}
                  amount={share}
                  tableId={table?.id ?? ''}
                  done={sharesDone.includes(i)}
                  onRecorded={() => {
                    setSplitOf((current) => current ?? due);
                    setSharesDone((current) => [...current, i]);
                  }}
                />
              ))}
            </Stack>
          )}

          {mode === 'items' && (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('ops.pickItems')}
              </Text>
              <Table withTableBorder verticalSpacing={4}>
                <Table.Tbody>
                  {lines.map((line) => (
                    <Table.Tr key={line.id} data-testid="checkout-line" data-item-name={line.name}>
                      <Table.Td>
                        <Checkbox
                          label={`${line.name} (${formatWon(line.unitPrice)})`}
                          disabled={line.left <= 0}
                          checked={(picked[line.id] ?? 0) > 0}
                          onChange={(e) => {
                            const on = e.currentTarget.checked;
                            setPicked((current) => ({ ...current, [line.id]: on ? line.left : 0 }));
                          }}
                        />
                      </Table.Td>
                      <Table.Td w={110}>
                        <NumberInput
                          size="xs"
                          min={0}
                          max={Math.max(0, line.left)}
                          disabled={line.left <= 0}
                          value={picked[line.id] ?? 0}
                          onChange={(value) =>
                            setPicked((current) => ({ ...current, [line.id]: typeof value === 'number' ? value : 0 }))
                          }
                          aria-label={line.name}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <ShareRow
                key={`items-${round}`}
                label={t('ops.itemsShare', { amount: formatWon(pickedAmount) })}
                amount={Math.min(pickedAmount, Math.max(0, due))}
                tableId={table?.id ?? ''}
                done={false}
                disabled={pickedAmount === 0}
                onRecorded={() => {
                  setPaidLines((current) => {
                    const next = { ...current };
                    for (const line of pickedLines) next[line.id] = (next[line.id] ?? 0) + (picked[line.id] ?? 0);
                    return next;
                  });
                  setPicked({});
                  setRound((r) => r + 1);
                }}
              />
            </Stack>
          )}

          <Divider label={t('ops.payments')} labelPosition="left" />
          {data.payments.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('ops.noPayments')}
            </Text>
          ) : (
            <Stack gap={4} data-testid="checkout-payments">
              {data.payments.map((payment: Payment) => (
                <Group key={payment.id} justify="space-between" data-testid="checkout-payment">
                  <Text size="sm" td={payment.refundedAt ? 'line-through' : undefined}>
                    {formatTime(payment.createdAt)} · {t(`ops.methods.${payment.method}`)} · {formatWon(payment.amount)}
                    {payment.createdBy ? ` · ${payment.createdBy.username}` : ''}
                  </Text>
                  {payment.refundedAt ? (
                    <Badge color="gray">{t('ops.refunded')}</Badge>
                  ) : (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      loading={refund.isPending && refund.variables?.paymentId === payment.id}
                      onClick={() => {
                        if (
                          window.confirm(
                            t('ops.refundText', {
                              amount: formatWon(payment.amount),
                              method: t(`ops.methods.${payment.method}`),
                            }),
                          )
                        ) {
                          refund.mutate({ paymentId: payment.id });
                        }
                      }}
                    >
                      {t('ops.refund')}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          )}
          {refund.error ? (
            <Alert color="red" role="alert">
              {errorText(t, refund.error)}
            </Alert>
          ) : null}
        </Stack>
      )}
    </Modal>
  );
}
