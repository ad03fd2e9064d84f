import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { callAge, callUrgency, callWhat } from '@admin/lib/call-labels';
import { useMarkCallDone, useOpenCalls } from '@admin/lib/calls-api';
import { BellIcon } from '@shared/ui/icons';
import classes from './table-call.module.css';

/**
 * A table's open staff call on its card: what the guests asked for, how long they have waited,
 * and one tap to mark it seen (the tablet then shows "확인했어요"). Nothing when no call is open.
 */
export function TableCall({ table, now }: { table: { id: string; number: number }; now: number }) {
  const { t } = useTranslation();
  const calls = useOpenCalls();
  const markDone = useMarkCallDone(() => notifications.show({ color: 'red', message: t('calls.markDoneFailed') }));
  const call = calls.data?.find((item) => item.tableId === table.id);
  if (!call) return null;
  const urgency = callUrgency(call, now);
  return (
    <div className={classes.call} data-testid="table-call" data-call-id={call.id} role="status">
      <BellIcon size={22} color="var(--mantine-color-red-7)" aria-hidden />
      <div className={classes.text}>
        <Text fw={800} c="red.8" lh={1.25} className={classes.what}>
          {callWhat(t, call)}
        </Text>
        {call.note ? (
          <Text size="sm" lh={1.3} className={classes.what}>
            {call.note}
          </Text>
        ) : null}
        <Text size="xs" c={urgency === 'fresh' ? 'dimmed' : urgency === 'late' ? 'orange.8' : 'red.8'} fw={600}>
          {callAge(t, call, now)}
          {call.pressCount > 1 ? ` · ${t('calls.pressed', { count: call.pressCount })}` : ''}
        </Text>
      </div>
      <Button
        color="red"
        size="md"
        px="md"
        loading={markDone.isPending}
        onClick={() => markDone.mutate(call.id)}
        aria-label={t('calls.card.doneLabel', { number: table.number })}
      >
        {t('calls.card.done')}
      </Button>
    </div>
  );
}
