import { Alert, Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmitLock } from '../lib/use-submit-lock';
import { errorText } from './error-text';

export interface FormModalProps {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  /** Return the save's promise: until it settles the form cannot be sent again. */
  onSubmit: (event: FormEvent) => Promise<unknown>;
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
 * server does), a general failure on top, cancel and submit at the bottom. A double click or a
 * second Enter while saving sends nothing more.
 */
export function FormModal(props: FormModalProps) {
  const { t } = useTranslation();
  const lock = useSubmitLock();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.pending) return;
    lock.run(() => props.onSubmit(event));
  };
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      centered={props.centered ?? true}
      size={props.size}
      title={props.title}
    >
      <form onSubmit={submit} noValidate>
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
            <Button type="submit" loading={props.pending || lock.pending}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
