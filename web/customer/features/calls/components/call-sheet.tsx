import { Alert, Button, Chip, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CALL_REASONS_PER_CALL } from '@contract/calls';
import type { CallReason } from '@contract/menus';
import { BellIcon } from '@customer/components/icons';
import { reasonName } from '../utils/reason-name';

const NOTE_MAX = 100;

export interface CallSheetProps {
  opened: boolean;
  reasons: CallReason[];
  /** Staff were called already (the new call merges into it). */
  alreadyCalled: boolean;
  /** A call is still on its way: another waits until it has arrived. */
  busy: boolean;
  onSend: (reasonIds: string[], note: string) => void;
  onClose: () => void;
}

/** The store's presets as large toggles, a short note, and one button that calls staff. */
export function CallSheet({ opened, reasons, alreadyCalled, busy, onSend, onClose }: CallSheetProps) {
  const { t, i18n } = useTranslation();
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const full = picked.length >= MAX_CALL_REASONS_PER_CALL;

  const close = () => {
    setPicked([]);
    setNote('');
    onClose();
  };
  const send = () => {
    onSend(
      reasons.filter((reason) => picked.includes(reason.id)).map((reason) => reason.id),
      note.trim(),
    );
    setPicked([]);
    setNote('');
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={
        <Text fw={800} fz={24}>
          {t('calls.title')}
        </Text>
      }
      centered
      size="lg"
      radius="lg"
      closeButtonProps={{ 'aria-label': t('calls.close'), size: 'xl' }}
      data-testid="call-sheet"
    >
      <Stack gap="lg">
        {alreadyCalled ? (
          <Alert color="orange" variant="light" data-testid="call-sheet-already">
            {t('calls.alreadyCalled')}
          </Alert>
        ) : (
          <Text c="dimmed">{t('calls.hint')}</Text>
        )}
        {reasons.length > 0 && (
          <Stack gap={8}>
            <Group justify="space-between">
              <Text fw={700} id="call-reasons-label">
                {t('calls.reasons')}
              </Text>
              {full && (
                <Text size="sm" c="dimmed">
                  {t('calls.maxReasons', { max: MAX_CALL_REASONS_PER_CALL })}
                </Text>
              )}
            </Group>
            <Chip.Group multiple value={picked} onChange={setPicked}>
              <Group gap="sm" role="group" aria-labelledby="call-reasons-label">
                {reasons.map((reason) => (
                  <Chip
                    key={reason.id}
                    value={reason.id}
                    size="xl"
                    radius="md"
                    color="orange"
                    variant="outline"
                    disabled={full && !picked.includes(reason.id)}
                    styles={{ label: { minHeight: 56, fontSize: 20, fontWeight: 700, paddingInline: 22 } }}
                  >
                    {reasonName(reason, i18n.language)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Stack>
        )}
        <Textarea
          label={t('calls.note')}
          placeholder={t('calls.notePlaceholder')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value.slice(0, NOTE_MAX))}
          maxLength={NOTE_MAX}
          autosize
          minRows={2}
          maxRows={4}
          size="lg"
          description={`${note.length} / ${NOTE_MAX}`}
        />
        {busy && (
          <Text c="orange.8" fw={600}>
            {t('calls.busy')}
          </Text>
        )}
        <Group grow gap="md">
          <Button size="xl" variant="default" onClick={close}>
            {t('calls.close')}
          </Button>
          <Button
            size="xl"
            color="orange"
            leftSection={<BellIcon />}
            disabled={busy}
            onClick={send}
            data-testid="call-send"
          >
            {alreadyCalled ? t('calls.sendMore') : t('calls.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
