import { Select, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCodes } from '@contract/errors';
import { type Store, StoreCode, StoreName, TimeZone } from '@contract/stores';
import { ApiError } from '@shared/api/client';
import { invalidFields } from '@shared/lib/field-check';
import { FormModal } from '@shared/ui/form-modal';
import { useCreateStore, useUpdateStore } from '../api/save-store';

export interface StoreFormModalProps {
  opened: boolean;
  /** The store to edit; null to create one. */
  store: Store | null;
  onClose: () => void;
  onCreated?: (store: Store) => void;
}

type Field = 'code' | 'name' | 'timezone';

const ZONES = (() => {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone');
  const list = supported && supported.length > 0 ? supported : ['Asia/Seoul', 'UTC'];
  return list.includes('Asia/Seoul') ? list : ['Asia/Seoul', ...list];
})();

export function StoreFormModal({ opened, store, onClose, onCreated }: StoreFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateStore();
  const update = useUpdateStore();
  const mutation = store ? update : create;
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState('Asia/Seoul');
  const [isActive, setIsActive] = useState(true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  useEffect(() => {
    if (!opened) return;
    setCode(store?.code ?? '');
    setName(store?.name ?? '');
    setTimezone(store?.timezone ?? 'Asia/Seoul');
    setIsActive(store?.isActive ?? true);
    setErrors({});
    create.reset();
    update.reset();
  }, [opened, store, create.reset, update.reset]);

  const fieldErrors = (error: unknown): Partial<Record<Field, string>> => {
    if (!(error instanceof ApiError)) return {};
    if (error.code === ErrorCodes.duplicate) return { code: t('stores.errors.duplicate') };
    const fields = error.fieldErrors();
    return Object.fromEntries(
      (['code', 'name', 'timezone'] as const).filter((f) => fields[f]).map((f) => [f, t(`stores.errors.${f}`)]),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const values = { code: code.trim(), name: name.trim(), timezone };
    const failed = invalidFields<Field>({ code: StoreCode, name: StoreName, timezone: TimeZone }, values);
    if (failed.length > 0) {
      setErrors(Object.fromEntries(failed.map((f) => [f, t(`stores.errors.${f}`)])));
      return;
    }
    setErrors({});
    try {
      if (store) {
        const body = Object.fromEntries(
          Object.entries({ ...values, isActive }).filter(([key, value]) => store[key as keyof Store] !== value),
        );
        if (Object.keys(body).length > 0) await update.mutateAsync({ storeId: store.id, body });
        onClose();
      } else {
        const created = await create.mutateAsync({ ...values, isActive });
        onClose();
        onCreated?.(created);
      }
    } catch (error) {
      setErrors(fieldErrors(error));
    }
  };

  const general = mutation.error && Object.keys(fieldErrors(mutation.error)).length === 0 ? mutation.error : null;

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={store ? t('stores.editTitle', { name: store.name }) : t('stores.addTitle')}
      onSubmit={submit}
      error={general}
      pending={mutation.isPending}
      submitLabel={store ? t('common:actions.save') : t('common:actions.add')}
    >
      <TextInput
        label={t('stores.code')}
        description={t('stores.codeHint')}
        value={code}
        onChange={(e) => setCode(e.currentTarget.value.toLowerCase())}
        error={errors.code}
        autoCapitalize="none"
        name="code"
      />
      <TextInput
        label={t('stores.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
        name="name"
      />
      <Select
        label={t('stores.timezone')}
        data={ZONES}
        value={timezone}
        onChange={(value) => setTimezone(value ?? 'Asia/Seoul')}
        error={errors.timezone}
        searchable
        allowDeselect={false}
        name="timezone"
      />
      <Switch
        label={t('stores.activeLabel')}
        description={t('stores.activeHint')}
        checked={isActive}
        onChange={(e) => setIsActive(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
