import { NumberInput, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateStationBody, DEFAULT_PRINTER_PORT, type Station } from '@contract/kitchen';
import { FormModal } from '@shared/ui/form-modal';
import { useCreateStation, useUpdateStation } from '../api/save-station';

/** Adds a station or changes its name and printer. An empty address means no printer. */
export function StationFormModal({ station, onClose }: { station: Station | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateStation();
  const update = useUpdateStation();
  const [name, setName] = useState(station?.name ?? '');
  const [host, setHost] = useState(station?.printer?.host ?? '');
  const [port, setPort] = useState<number | string>(station?.printer?.port ?? DEFAULT_PRINTER_PORT);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = station ? update : create;

  const submit = async () => {
    const body = {
      name,
      printer: host.trim() ? { host: host.trim(), port: Number(port) || DEFAULT_PRINTER_PORT } : null,
    };
    const checked = CreateStationBody.safeParse(body);
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const field = issue.path[0] === 'printer' ? (issue.path[1] === 'port' ? 'port' : 'host') : 'name';
        found[field] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    if (station) await update.mutateAsync({ id: station.id, body: checked.data });
    else await create.mutateAsync(checked.data);
    notifications.show({
      color: 'teal',
      message: station ? t('stations.saved') : t('stations.created', { name: checked.data.name }),
    });
    onClose();
  };

  return (
    <FormModal
      opened
      onClose={onClose}
      title={station ? t('stations.edit') : t('stations.add')}
      onSubmit={submit}
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('common:actions.save')}
    >
      <TextInput
        label={t('stations.name')}
        placeholder={t('stations.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={errors.name}
        required
        data-autofocus
        name="name"
      />
      <TextInput
        label={t('stations.printerHost')}
        description={t('stations.printerHostHint')}
        placeholder="192.168.0.50"
        value={host}
        onChange={(e) => setHost(e.currentTarget.value)}
        error={errors.host}
        name="printerHost"
      />
      <NumberInput
        label={t('stations.printerPort')}
        value={port}
        onChange={setPort}
        min={1}
        max={65535}
        error={errors.port}
        disabled={!host.trim()}
        name="printerPort"
      />
    </FormModal>
  );
}
