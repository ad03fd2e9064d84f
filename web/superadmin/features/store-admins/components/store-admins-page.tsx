import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminUser, Store } from '../../../../../contract/stores';
import { formatDateTime } from '../../../../shared/lib/format';
import { AccountFormModal } from '../../../../shared/ui/account-form-modal';
import { ConfirmDialog } from '../../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../../shared/ui/query-state';
import { queryKeys } from '../../../lib/query-keys';
import { api } from '../../../lib/session';
import { useStoreAdmins } from '../api/get-store-admins';
import { useCreateStoreAdmin, useDeleteStoreAdmin, useUpdateStoreAdmin } from '../api/save-store-admin';

/** A store's owner and manager accounts, managed by the super-admin. */
export function StoreAdminsPage() {
  const { t, i18n } = useTranslation();
  const { storeId = '' } = useParams();
  // Only for the store's name and state; the same small list the stores screen shows (shared cache).
  const stores = useQuery({
    queryKey: queryKeys.stores,
    queryFn: ({ signal }) => api.get<{ stores: Store[] }>('/superadmin/stores', { signal }),
  });
  const store = stores.data?.stores.find((candidate) => candidate.id === storeId);
  const admins = useStoreAdmins(storeId);
  const create = useCreateStoreAdmin();
  const update = useUpdateStoreAdmin();
  const remove = useDeleteStoreAdmin();
  const [form, setForm] = useState<{ admin: AdminUser | null } | null>(null);
  const [deleting, setDeleting] = useState<AdminUser | null>(null);
  const editing = form?.admin ?? null;

  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/" size="sm">
          {t('admins.back')}
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2}>{store ? t('admins.title', { name: store.name }) : t('admins.titleUnknown')}</Title>
            {store ? (
              <Text c="dimmed" size="sm">
                {t('admins.storeCode', { code: store.code })}
              </Text>
            ) : null}
          </div>
          <Button onClick={() => setForm({ admin: null })}>{t('admins.add')}</Button>
        </Group>
      </div>
      {store && !store.isActive ? <Alert color="yellow">{t('admins.inactiveStore')}</Alert> : null}
      {admins.isPending ? (
        <LoadingState />
      ) : admins.isError ? (
        <ErrorState error={admins.error} onRetry={() => admins.refetch()} />
      ) : admins.data.length === 0 ? (
        <EmptyState>{t('admins.none')}</EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common:account.username')}</Table.Th>
                <Table.Th>{t('common:account.role')}</Table.Th>
                <Table.Th>{t('admins.created')}</Table.Th>
                <Table.Th ta="right">{t('stores.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {admins.data.map((admin) => (
                <Table.Tr key={admin.id} data-testid="admin-row" data-username={admin.username}>
                  <Table.Td>
                    <Text fw={600}>{admin.username}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={admin.role === 'owner' ? 'orange' : 'blue'} variant="light">
                      {t(`common:account.roles.${admin.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(admin.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button size="xs" variant="default" onClick={() => setForm({ admin })}>
                        {t('admins.edit')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(admin)}>
                        {t('common:actions.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <AccountFormModal
        opened={form !== null}
        account={editing}
        defaultRole={admins.data?.some((admin) => admin.role === 'owner') ? 'manager' : 'owner'}
        onClose={() => setForm(null)}
        onSubmit={(values) =>
          editing
            ? update.mutateAsync({ storeId, adminId: editing.id, body: values })
            : create.mutateAsync({
                storeId,
                body: {
                  username: values.username ?? '',
                  password: values.password ?? '',
                  role: values.role ?? 'owner',
                },
              })
        }
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('admins.deleteTitle', { username: deleting?.username ?? '' })}
        message={t('admins.deleteText')}
        confirmLabel={t('common:actions.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => {
          if (deleting) remove.mutate({ storeId, adminId: deleting.id }, { onSuccess: () => setDeleting(null) });
        }}
      />
    </Stack>
  );
}
