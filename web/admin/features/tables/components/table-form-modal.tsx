import { NumberInput, PasswordInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCodes } from '@contract/errors';
import { type Table, TableNumber, TablePassword } from '@contract/tables';
import { ApiError } from '@shared/api/client';
import { invalidFields } from '@shared/lib/field-check';
import { FormModal } from '@shared/ui/form-modal';
import { useCreateTable } from '../api/create-table';
import { useUpdateTable } from '../api/update-table';

export interface TableFormModalProps {
  opened: boolean;
  /** The table to edit; null to add a new one. */
  table: Table | null;
  suggestedNumber: number;
  onClose: () => void;
}

type Field = 'number' | 'password';

export function TableFormModal({ opened, table, suggestedNumber, onClose }: TableFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateTable();
  const update = useUpdateTable();
  const mutation = table ? update : create;
  const [number, setNumber] = useState<number | string>('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  useEffect(() => {
    if (!opened) return;
    setNumber(table ? table.number : suggestedNumber);
    setPassword('');
    setErrors({});
    create.reset();
    update.reset();
  }, [opened, table, suggestedNumber, create.reset, update.reset]);

  const serverErrors = (error: unknown): Partial<Record<Field, string>> => {
    if (!(error instanceof ApiError)) return {};
    if (error.code === ErrorCodes.duplicate) return { number: t('tables.errors.duplicate') };
    const fields = error.fieldErrors();
    const out: Partial<Record<Field, string>> = {};
    if (fields.number) out.number = t('tables.errors.number');
    if (fields.password) out.password = t('tables.errors.password');
    return out;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const editingPasswordOnly = table !== null && password === '';
    const failed = invalidFields<Field>(
      { number: TableNumber, ...(editingPasswordOnly ? {} : { password: TablePassword }) },
      { number: typeof number === 'number' ? number : Number.NaN, password },
    );
    if (failed.length > 0) {
      setErrors(Object.fromEntries(failed.map((f) => [f, t(`tables.errors.${f}`)])));
      return;
    }
    setErrors({});
    const numeric = number as number;
    try {
      if (table) {
        const body = {
          ...(numeric !== table.number ? { number: numeric } : {}),
          ...(password ? { password } : {}),
        };
        if (Object.keys(body).length > 0) await update.mutateAsync({ tableId: table.id, body });
      } else {
        await create.mutateAsync({ number: numeric, password });
      }
    } catch (error) {
      setErrors(serverErrors(error));
      return;
    }
    onClose();
  };

  const generalError = mutation.error && Object.keys(serverErrors(mutation.error)).length === 0 ? mutation.error : null;

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={table ? t('tables.editTitle', { number: table.number }) : t('tables.addTitle')}
      onSubmit={submit}
      error={generalError}
      pending={mutation.isPending}
      submitLabel={table ? t('common:actions.save') : t('common:actions.add')}
    >
      <NumberInput
        label={t('tables.number')}
        value={number}
        onChange={setNumber}
        min={1}
        max={999}
        allowDecimal={false}
        allowNegative={false}
        error={errors.number}
        name="number"
      />
      <PasswordInput
        label={table ? t('tables.newPassword') : t('tables.password')}
        description={table ? t('tables.newPasswordHint') : t('tables.passwordHint')}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={errors.password}
        autoComplete="new-password"
        name="password"
      />
    </FormModal>
  );
}
