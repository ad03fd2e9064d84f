import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from './confirm-dialog';

/** The part of a TanStack mutation the dialog drives. */
export interface ConfirmableMutation<V, D> {
  mutate: (variables: V, options: { onSuccess: (result: D) => void }) => void;
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
  mutation: ConfirmableMutation<V, D>;
  variables: (target: T) => V;
  /** After the mutation succeeded (the dialog then closes). */
  onDone?: (target: T, result: D) => void;
  /** Clear the target; a failure shown in the dialog is forgotten with it. */
  onClose: () => void;
}

/**
 * A question about one record (delete it? deactivate it?) that runs a mutation on yes, stays open
 * with the server's answer when it fails, and closes when it succeeds.
 */
export function ConfirmMutationDialog<T, V, D>(props: ConfirmMutationDialogProps<T, V, D>) {
  const { t } = useTranslation();
  const { target, mutation, onClose } = props;
  return (
    <ConfirmDialog
      opened={target !== null}
      color={props.color}
      title={props.title}
      message={props.message}
      confirmLabel={props.confirmLabel ?? t('common:actions.delete')}
      loading={mutation.isPending}
      error={mutation.error}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
      onConfirm={() => {
        if (target === null) return;
        mutation.mutate(props.variables(target), {
          onSuccess: (result) => {
            onClose();
            props.onDone?.(target, result);
          },
        });
      }}
    />
  );
}
