import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { callAge, callUrgency, callWait, callWhat } from '@admin/lib/call-labels';
import type { Call } from '@contract/calls';
import { formatTime } from '@shared/lib/format';

const URGENCY_COLOR = { fresh: 'gray', late: 'orange', overdue: 'red' } as const;

/** One call in the list: the table, what it asks for, how long it has waited or who handled it. */
export function CallRow({
  call,
  now,
  onDone,
  pending,
}: {
  call: Call;
  now: number;
  onDone: (call: Call) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const open = call.status === 'open';
  const urgency = callUrgency(call, now);
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="call-row"
      data-call-id={call.id}
      data-status={call.status}
      style={open ? { borderColor: `var(--mantine-color-${URGENCY_COLOR[urgency]}-5)` } : undefined}
    >
      <Group justify="space-between" wrap="nowrap" align="center" gap="sm">
        <Group gap="md" wrap="nowrap" align="center" style={{ minWidth: 0 }}>
          <Text fw={800} size="xl" style={{ whiteSpace: 'nowrap' }}>
            {t('calls.table', { number: call.tableNumber })}
          </Text>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {callWhat(t, call)}
            </Text>
            {call.note ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {call.note}
              </Text>
            ) : null}
            <Group gap={6}>
              {open ? (
                <Badge color={URGENCY_COLOR[urgency]} variant={urgency === 'fresh' ? 'light' : 'filled'}>
                  {callAge(t, call, now)}
                </Badge>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('calls.calledAt', { time: formatTime(call.createdAt) })} · {callWait(t, call)}
                  {call.doneBy ? ` · ${t('calls.handledBy', { name: call.doneBy.username })}` : ''}
                </Text>
              )}
              {call.pressCount > 1 ? (
                <Text size="xs" c="dimmed">
                  {t('calls.pressed', { count: call.pressCount })}
                </Text>
              ) : null}
            </Group>
          </Stack>
        </Group>
        {open ? (
          <Button
            color="red"
            size="md"
            loading={pending}
            onClick={() => onDone(call)}
            aria-label={t('calls.markDoneLabel', { number: call.tableNumber })}
          >
            {t('calls.markDone')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
