import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmitLock } from '../lib/use-submit-lock';
import { ConfirmDialog } from './confirm-dialog';

/** The part of a TanStack mutation the dialog drives. */
export interface ConfirmableMutation<V, D> {
  mutateAsync: (variables: V) => Promise<D>;
  isPending: boolean;
  error: unknown;
  reset: () => void;
}

export interface ConfirmMutationDialogProps<T, V, D> {
  /** What the question is about; the dialog is open while there is one. */
  target: T | null;
  title: ReactNode;
  message: ReactNode;
  /** The delete button's label unless told otherwise. */
  confirmLabel?: ReactNode;
  color?: string;
  /** The message says why it cannot be done: only a close button (see ConfirmDialog). */
  blocked?: boolean;
  mutation: ConfirmableMutation<V, D>;
  variables: (target: T) => V;
  /** After the mutation succeeded (the dialog then closes). */
  onDone?: (target: T, result: D) => void;
  /** Clear the target; a failure shown in the dialog is forgotten with it. */
  onClose: () => void;
}

/**
 * A question about one record (delete it? deactivate it?) that runs a mutation on yes, stays open
 * with the server's answer when it fails, and closes when it succeeds. A double click runs it once.
 */
export function ConfirmMutationDialog<T, V, D>(props: ConfirmMutationDialogProps<T, V, D>) {
  const { t } = useTranslation();
  const { target, mutation, onClose } = props;
  const lock = useSubmitLock();
  return (
    <ConfirmDialog
      opened={target !== null}
      color={props.color}
      title={props.title}
      message={props.message}
      blocked={props.blocked}
      confirmLabel={props.confirmLabel ?? t('common:actions.delete')}
      loading={mutation.isPending || lock.pending}
      error={mutation.error}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      onConfirm={() => {
        if (target === null || props.blocked) return;
        lock.run(async () => {
          let result: D;
          try {
            result = await mutation.mutateAsync(props.variables(target));
          } catch {
            return; // the dialog shows mutation.error
          }
          onClose();
          props.onDone?.(target, result);
        });
      }}
    />
  );
}
