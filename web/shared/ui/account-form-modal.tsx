import { PasswordInput, SegmentedControl, Text, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '@contract/auth';
import { ErrorCodes } from '@contract/errors';
import { AdminPassword, Username } from '@contract/stores';
import { ApiError } from '../api/client';
import { invalidFields } from '../lib/field-check';
import { FormModal } from './form-modal';

export interface AccountFormValues {
  username: string;
  password: string;
  role: StaffRole;
}

export interface AccountFormModalProps {
  opened: boolean;
  /** The account being edited (password reset, role); null to create one. */
  account: { username: string; role: StaffRole } | null;
  /** The role a new account starts with (a store's first account is usually its owner). */
  defaultRole?: StaffRole;
  onSubmit: (values: Partial<AccountFormValues>) => Promise<unknown>;
  onClose: () => void;
}

type Field = 'username' | 'password';

/** Create a store staff account, or reset its password and change its role. */
export function AccountFormModal({
  opened,
  account,
  defaultRole = 'manager',
  onSubmit,
  onClose,
}: AccountFormModalProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<StaffRole>('manager');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setUsername(account?.username ?? '');
    setPassword('');
    setRole(account?.role ?? defaultRole);
    setErrors({});
    setGeneral(null);
  }, [opened, account, defaultRole]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const failed = invalidFields<Field>(
      account ? (password ? { password: AdminPassword } : {}) : { username: Username, password: AdminPassword },
      { username, password },
    );
    if (failed.length > 0) {
      setErrors(Object.fromEntries(failed.map((f) => [f, t(`common:account.errors.${f}`)])));
      return;
    }
    setErrors({});
    const values: Partial<AccountFormValues> = account
      ? { ...(password ? { password } : {}), ...(role !== account.role ? { role } : {}) }
      : { username: username.trim(), password, role };
    if (Object.keys(values).length === 0) {
      onClose();
      return;
    }
    setPending(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCodes.duplicate) {
        setErrors({ username: t('common:account.errors.duplicate') });
      } else if (error instanceof ApiError && Object.keys(error.fieldErrors()).length > 0) {
        const fields = error.fieldErrors();
        setErrors(
          Object.fromEntries(
            (['username', 'password'] as const)
              .filter((f) => fields[f])
              .map((f) => [f, t(`common:account.errors.${f}`)]),
          ),
        );
      } else {
        setGeneral(error);
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={account ? t('common:account.editTitle', { username: account.username }) : t('common:account.addTitle')}
      onSubmit={submit}
      error={general}
      pending={pending}
      submitLabel={account ? t('common:actions.save') : t('common:actions.add')}
    >
      {account ? (
        <Text>
          {t('common:account.username')}: <b>{account.username}</b>
        </Text>
      ) : (
        <TextInput
          label={t('common:account.username')}
          description={t('common:account.usernameHint')}
          value={username}
          onChange={(e) => setUsername(e.currentTarget.value)}
          error={errors.username}
          autoCapitalize="none"
          autoComplete="off"
          name="username"
        />
      )}
      <PasswordInput
        label={account ? t('common:account.newPassword') : t('common:account.password')}
        description={account ? t('common:account.newPasswordHint') : t('common:account.passwordHint')}
        value={password}
        onChange={(e) => setPassword(e.currentTarget.value)}
        error={errors.password}
        autoComplete="new-password"
        name="password"
      />
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('common:account.role')}
        </Text>
        <SegmentedControl
          value={role}
          onChange={(value) => setRole(value as StaffRole)}
          data={[
            { value: 'manager', label: t('common:account.roles.manager') },
            { value: 'owner', label: t('common:account.roles.owner') },
            // Kitchen screens and the print agent: the kitchen display, bump and printing only.
            { value: 'kitchen', label: t('common:account.roles.kitchen') },
          ]}
        />
      </div>
    </FormModal>
  );
}
