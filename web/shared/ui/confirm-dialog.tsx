import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

export interface ConfirmDialogProps {
  opened: boolean;
  title: ReactNode;
  message: ReactNode;
  confirmLabel?: ReactNode;
  /** Red for destructive actions (the default), the theme colour otherwise. */
  color?: string;
  loading?: boolean;
  /**
   * The message explains why this cannot be done (a category that still has dishes, one's own
   * account): the dialog then offers only a close button, never a button that can only fail.
   */
  blocked?: boolean;
  /** The last failure of the confirmed action, explained in the dialog. */
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

/** A yes/no question before something that cannot be undone. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack>
        {props.blocked ? (
          <Alert color="yellow" data-testid="confirm-blocked">
            {props.message}
          </Alert>
        ) : typeof props.message === 'string' ? (
          <Text>{props.message}</Text>
        ) : (
          props.message
        )}
        {props.error ? (
          <Alert color="red" role="alert" data-testid="confirm-error">
            {errorText(t, props.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {props.blocked ? (
            <Button variant="default" onClick={props.onClose} data-autofocus>
              {t('common:actions.close')}
            </Button>
          ) : (
            <>
              <Button variant="default" onClick={props.onClose}>
                {t('common:actions.cancel')}
              </Button>
              <Button color={props.color ?? 'red'} loading={props.loading} onClick={props.onConfirm} data-autofocus>
                {props.confirmLabel ?? t('common:actions.confirm')}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
