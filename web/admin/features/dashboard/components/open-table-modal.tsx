import { Alert, Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';
import { errorText } from '@shared/ui/error-text';
import { useOpenTable } from '../api/table-ops';

/** Open a table before anything is ordered, with how many guests sat down. */
export function OpenTableModal({ table, onClose }: { table: DashboardTable | null; onClose: () => void }) {
  const { t } = useTranslation();
  const open = useOpenTable();
  const [guests, setGuests] = useState<number | string>(2);
  const close = () => {
    open.reset();
    onClose();
  };
  return (
    <Modal
      opened={table !== null}
      onClose={close}
      title={<Text fw={800}>{t('ops.openTitle', { number: table?.number ?? '' })}</Text>}
    >
      <Stack>
        <NumberInput
          label={t('ops.guests')}
          min={1}
          max={99}
          size="lg"
          value={guests}
          onChange={setGuests}
          data-testid="open-guests"
        />
        {open.error ? (
          <Alert color="red" role="alert">
            {errorText(t, open.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common:actions.cancel')}
          </Button>
          <Button
            loading={open.isPending}
            onClick={() =>
              table &&
              open.mutate(
                { tableId: table.id, guests: typeof guests === 'number' ? guests : undefined },
                { onSuccess: close },
              )
            }
          >
            {t('ops.open')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
