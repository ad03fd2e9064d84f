import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Store } from '../../../../../contract/stores';
import { formatDateTime } from '../../../../shared/lib/format';
import { ConfirmDialog } from '../../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../../shared/ui/query-state';
import { useStores } from '../api/get-stores';
import { useUpdateStore } from '../api/save-store';
import { StoreFormModal } from './store-form-modal';

export function StoresPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const stores = useStores();
  const update = useUpdateStore();
  const [form, setForm] = useState<{ store: Store | null } | null>(null);
  const [toggling, setToggling] = useState<Store | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('stores.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('stores.subtitle')}
          </Text>
        </div>
        <Button onClick={() => setForm({ store: null })}>{t('stores.add')}</Button>
      </Group>
      {stores.isPending ? (
        <LoadingState />
      ) : stores.isError ? (
        <ErrorState error={stores.error} onRetry={() => stores.refetch()} />
      ) : stores.data.length === 0 ? (
        <EmptyState>{t('stores.none')}</EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('stores.code')}</Table.Th>
                <Table.Th>{t('stores.name')}</Table.Th>
                <Table.Th>{t('stores.timezone')}</Table.Th>
                <Table.Th>{t('stores.state')}</Table.Th>
                <Table.Th>{t('stores.created')}</Table.Th>
                <Table.Th ta="right">{t('stores.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stores.data.map((store) => (
                <Table.Tr key={store.id} data-testid="store-row" data-store-code={store.code}>
                  <Table.Td>
                    <Text ff="monospace" fw={600}>
                      {store.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fw={600}>{store.name}</Text>
                  </Table.Td>
                  <Table.Td>{store.timezone}</Table.Td>
                  <Table.Td>
                    <Badge color={store.isActive ? 'teal' : 'gray'} variant="light">
                      {store.isActive ? t('stores.active') : t('stores.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(store.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button component={Link} to={`/stores/${store.id}`} size="xs" variant="light">
                        {t('stores.admins')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setForm({ store })}>
                        {t('common:actions.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color={store.isActive ? 'red' : 'teal'}
                        onClick={() => setToggling(store)}
                      >
                        {store.isActive ? t('stores.deactivate') : t('stores.activate')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <StoreFormModal
        opened={form !== null}
        store={form?.store ?? null}
        onClose={() => setForm(null)}
        onCreated={(store) => {
          notifications.show({ color: 'teal', message: t('stores.createdToast', { name: store.name }) });
          navigate(`/stores/${store.id}`);
        }}
      />
      <ConfirmDialog
        opened={toggling !== null}
        color={toggling?.isActive ? 'red' : 'teal'}
        title={
          toggling?.isActive
            ? t('stores.deactivateTitle', { name: toggling?.name ?? '' })
            : t('stores.activateTitle', { name: toggling?.name ?? '' })
        }
        message={toggling?.isActive ? t('stores.deactivateText') : t('stores.activateText')}
        confirmLabel={toggling?.isActive ? t('stores.deactivate') : t('stores.activate')}
        loading={update.isPending}
        error={update.error}
        onClose={() => {
          update.reset();
          setToggling(null);
        }}
        onConfirm={() => {
          if (!toggling) return;
          update.mutate(
            { storeId: toggling.id, body: { isActive: !toggling.isActive } },
            { onSuccess: () => setToggling(null) },
          );
        }}
      />
    </Stack>
  );
}
