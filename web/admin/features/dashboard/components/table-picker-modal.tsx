import { Alert, Button, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DashboardTable } from '@contract/orders';
import { formatWon } from '@shared/lib/format';
import { errorText } from '@shared/ui/error-text';

export interface TablePickerModalProps {
  opened: boolean;
  title: string;
  tables: DashboardTable[];
  /** Which tables may be picked (the others are shown, greyed). */
  allow: (table: DashboardTable) => boolean;
  busy: boolean;
  error: unknown;
  onPick: (table: DashboardTable) => void;
  onClose: () => void;
}

/** The store's tables as a map: staff tap where a party, or an order, goes. */
export function TablePickerModal({
  opened,
  title,
  tables,
  allow,
  busy,
  error,
  onPick,
  onClose,
}: TablePickerModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={800}>{title}</Text>} size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('ops.pickHint')}
        </Text>
        <SimpleGrid cols={{ base: 3, sm: 4 }} spacing="sm" data-testid="table-map">
          {tables.map((table) => {
            const open = table.sessionId !== null;
            return (
              <Button
                key={table.id}
                h={76}
                variant={open ? 'light' : 'default'}
                color={open ? 'teal' : 'gray'}
                disabled={!allow(table) || busy}
                onClick={() => onPick(table)}
                data-testid="table-map-table"
                data-table-number={table.number}
                styles={{ label: { flexDirection: 'column', gap: 2 } }}
              >
                <Text fw={800} size="lg">
                  {t('table.name', { number: table.number })}
                </Text>
                <Text size="xs">{open ? formatWon(table.totalAmount) : t('table.empty')}</Text>
              </Button>
            );
          })}
        </SimpleGrid>
        {error ? (
          <Alert color="red" role="alert">
            {errorText(t, error)}
          </Alert>
        ) : null}
      </Stack>
    </Modal>
  );
}
