import { Button, SegmentedControl, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callsQuery, useMarkCallDone, useOpenCalls } from '@admin/lib/calls-api';
import { useNow } from '@shared/lib/use-now';
import { PageHeader } from '@shared/ui/page-header';
import { QueryList } from '@shared/ui/query-list';
import { CallReasonsModal } from './call-reasons-modal';
import { CallRow } from './call-row';

/** Every table calling now, longest waiting first, one tap each to mark done; and the ones handled, newest first. */
export function CallsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const now = useNow(15_000);
  const open = useOpenCalls();
  const done = useQuery({ ...callsQuery('done'), enabled: status === 'done' });
  const markDone = useMarkCallDone(() => notifications.show({ color: 'red', message: t('calls.markDoneFailed') }));
  const [editing, setEditing] = useState(false);
  const openCount = open.data?.length ?? 0;

  return (
    <Stack>
      <PageHeader
        title={t('calls.title')}
        subtitle={t('calls.subtitle')}
        action={
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('calls.reasons.edit')}
          </Button>
        }
      />
      <SegmentedControl
        aria-label={t('calls.filter')}
        value={status}
        onChange={(value) => setStatus(value === 'done' ? 'done' : 'open')}
        data={[
          { value: 'open', label: openCount > 0 ? t('calls.openCount', { count: openCount }) : t('calls.open') },
          { value: 'done', label: t('calls.done') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryList
        query={status === 'open' ? open : done}
        empty={status === 'open' ? t('calls.empty') : t('calls.emptyDone')}
      >
        {(calls) => (
          <Stack gap="sm" data-testid="call-list">
            {(status === 'open' ? calls.toReversed() : calls).map((call) => (
              <CallRow
                key={call.id}
                call={call}
                now={now}
                pending={markDone.isPending && markDone.variables === call.id}
                onDone={(target) => markDone.mutate(target.id)}
              />
            ))}
          </Stack>
        )}
      </QueryList>
      <CallReasonsModal opened={editing} onClose={() => setEditing(false)} />
    </Stack>
  );
}
