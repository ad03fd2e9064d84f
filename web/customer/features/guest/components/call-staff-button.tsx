import { Button, Chip, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableMenu } from '@contract/menus';
import { notify } from '@customer/lib/notify';
import { ApiError } from '@shared/api/client';
import { callStaff } from '../api/table-service';

/** 직원 호출: always in reach; the store's call reasons as chips, or just "come please". */
export function CallStaffButton({ reasons }: { reasons: TableMenu['callReasons'] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [sending, setSending] = useState(false);

  const send = async () => {
    setSending(true);
    try {
      await callStaff({ reasonIds: chosen.slice(0, 5) });
      notify(t('guest.callSent'), 'green');
      setOpen(false);
      setChosen([]);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) notify(t('guest.callUnavailable'), 'orange', 5_000);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button size="lg" color="dark" variant="filled" onClick={() => setOpen(true)} data-testid="guest-call">
        {t('guest.callStaff')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={<Text fw={800}>{t('guest.callTitle')}</Text>} centered>
        <Stack gap="md">
          {reasons.length > 0 && (
            <Chip.Group multiple value={chosen} onChange={setChosen}>
              <Group gap="xs">
                {reasons.map((reason) => (
                  <Chip key={reason.id} value={reason.id} size="lg">
                    {reason.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          )}
          <Button size="xl" loading={sending} onClick={() => void send()}>
            {t('guest.callSend')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
