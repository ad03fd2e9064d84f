import { Alert, Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

export interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  onSubmit: (event: FormEvent) => void;
  /** A failure that belongs to no field, explained above the fields. */
  error?: unknown;
  pending: boolean;
  submitLabel: ReactNode;
  size?: ModalProps['size'];
  centered?: boolean;
  children: ReactNode;
}

/**
 * A create/edit form in a dialog: the browser's own validation off (the form checks like the
 * server does), a general failure on top, cancel and submit at the bottom.
 */
export function FormModal(props: FormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      centered={props.centered ?? true}
      size={props.size}
      title={props.title}
    >
      <form onSubmit={props.onSubmit} noValidate>
        <Stack>
          {props.error ? (
            <Alert color="red" role="alert">
              {errorText(t, props.error)}
            </Alert>
          ) : null}
          {props.children}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={props.pending}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
