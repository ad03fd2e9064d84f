import { Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Table as DiningTable } from '@contract/tables';
import { ConfirmDialog } from '@shared/ui/confirm-dialog';
import { ErrorState, LoadingState } from '@shared/ui/query-state';
import { useRotateTableQr, useTableQr } from '../api/table-qr';
import { QrCode } from './qr-code';

/** One table's QR code: shown big enough to scan off the screen, and a new code after a confirmation. */
export function TableQrModal({ table, onClose }: { table: DiningTable | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qr = useTableQr(table?.id ?? null);
  const rotate = useRotateTableQr();
  const [confirming, setConfirming] = useState(false);

  return (
    <Modal
      opened={table !== null}
      onClose={onClose}
      title={<Text fw={700}>{t('qr.title', { number: table?.number ?? '' })}</Text>}
      centered
      size="md"
    >
      {qr.isPending ? (
        <LoadingState />
      ) : qr.isError ? (
        <ErrorState error={qr.error} onRetry={() => void qr.refetch()} />
      ) : (
        <Stack align="center" gap="md" data-testid="table-qr">
          <QrCode value={qr.data.url} size={240} label={t('qr.imageLabel', { number: table?.number ?? '' })} />
          <Code block style={{ wordBreak: 'break-all' }} data-testid="table-qr-url">
            {qr.data.url}
          </Code>
          <Text size="sm" c="dimmed" ta="center">
            {t('qr.hint')}
          </Text>
          <Group>
            <CopyButton value={qr.data.url}>
              {({ copied, copy }) => (
                <Button variant="light" onClick={copy}>
                  {copied ? t('qr.copied') : t('qr.copy')}
                </Button>
              )}
            </CopyButton>
            <Button color="red" variant="outline" onClick={() => setConfirming(true)} data-testid="table-qr-rotate">
              {t('qr.rotate')}
            </Button>
          </Group>
        </Stack>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('qr.rotateTitle', { number: table?.number ?? '' })}
        message={t('qr.rotateText')}
        confirmLabel={t('qr.rotate')}
        color="red"
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={() => {
          if (!table) return;
          rotate.mutate(table.id, {
            onSuccess: () => {
              setConfirming(false);
              notifications.show({ color: 'teal', message: t('qr.rotated', { number: table.number }) });
            },
          });
        }}
        onClose={() => setConfirming(false)}
      />
    </Modal>
  );
}
