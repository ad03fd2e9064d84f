import { ActionIcon, Button, Indicator } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { CallReason } from '@contract/menus';
import { BellIcon } from '@customer/components/icons';
import { callOutbox, useCallOutbox } from '../stores/call-outbox';
import { CallSheet } from './call-sheet';

/** Below this width the header has no room for the label beside the store's name: a round button. */
const COMPACT = '(max-width: 900px)';

/**
 * The call button, always in the header: labelled on a tablet in landscape, round (with its name
 * for screen readers) on narrower screens and phones. It opens the sheet of presets; a dot marks
 * a call staff have not handled yet.
 */
export function CallButton({ tableId, reasons }: { tableId: string; reasons: CallReason[] }) {
  const compact = useMediaQuery(COMPACT, false, { getInitialValueInEffect: false });
  const { t } = useTranslation();
  const [opened, sheet] = useDisclosure(false);
  const state = useCallOutbox();
  const open = state.current?.status === 'open';
  const busy = state.pending !== null;

  const send = (reasonIds: string[], note: string) => {
    const labels = reasons.filter((reason) => reasonIds.includes(reason.id)).map((reason) => reason.label);
    if (callOutbox.submit(tableId, { reasonIds, ...(note ? { note } : {}) }, labels)) sheet.close();
  };

  return (
    <>
      <Indicator color="red" size={14} offset={4} disabled={!open && !busy} processing={open}>
        {compact ? (
          <ActionIcon
            size={44}
            radius="xl"
            color="orange"
            variant="filled"
            aria-label={t('calls.button')}
            onClick={sheet.open}
            data-testid="call-button"
          >
            <BellIcon size={24} />
          </ActionIcon>
        ) : (
          <Button
            size="lg"
            color="orange"
            variant="filled"
            leftSection={<BellIcon size={20} />}
            onClick={sheet.open}
            data-testid="call-button"
          >
            {t('calls.button')}
          </Button>
        )}
      </Indicator>
      <CallSheet
        opened={opened}
        reasons={reasons}
        alreadyCalled={open}
        busy={busy}
        onSend={send}
        onClose={sheet.close}
      />
    </>
  );
}
