import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { callWait, callWhat } from '@admin/lib/call-labels';
import type { HistoryCall } from '@contract/calls';
import { formatDateTime } from '@shared/lib/format';

/** The table's staff calls in the range: what was asked, when, who handled it and how fast. */
export function HistoryCalls({ calls }: { calls: HistoryCall[] }) {
  const { t, i18n } = useTranslation();
  if (calls.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="history-calls">
      <Title order={3} size="h4">
        {t('calls.history.title', { count: calls.length })}
      </Title>
      {calls.map((call) => (
        <Paper key={call.id} withBorder radius="md" p="sm" data-testid="history-call">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
                {callWhat(t, call)}
              </Text>
              {call.note ? (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {call.note}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {formatDateTime(call.createdAt, i18n.language)}
                {call.pressCount > 1 ? ` · ${t('calls.pressed', { count: call.pressCount })}` : ''}
              </Text>
            </div>
            {call.status === 'open' ? (
              <Badge color="red" variant="light">
                {t('calls.open')}
              </Badge>
            ) : (
              <Text size="sm" c="dimmed" ta="right">
                {callWait(t, call)}
                {call.doneBy ? ` · ${call.doneBy.username}` : ''}
              </Text>
            )}
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
