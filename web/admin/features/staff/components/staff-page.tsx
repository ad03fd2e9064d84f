import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../../../contract/stores';
import { formatDateTime } from '../../../../shared/lib/format';
import { AccountFormModal } from '../../../../shared/ui/account-form-modal';
import { ConfirmDialog } from '../../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../../shared/ui/query-state';
import { session } from '../../../lib/session';
import { useDeleteUser } from '../api/delete-user';
import { useUsers } from '../api/get-users';
import { useCreateUser, useUpdateUser } from '../api/save-user';

/** The store's staff accounts; only owners reach this screen. */
export function StaffPage() {
  const { t, i18n } = useTranslation();
  const me = session.useSession()?.principal;
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [form, setForm] = useState<{ user: AdminUser | null } | null>(null);
  const [deleting, setDeleting] = useState<AdminUser | null>(null);
  const editing = form?.user ?? null;

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('staff.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('staff.subtitle')}
          </Text>
        </div>
        <Button onClick={() => setForm({ user: null })}>{t('staff.add')}</Button>
      </Group>
      {users.isPending ? (
        <LoadingState />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => users.refetch()} />
      ) : users.data.length === 0 ? (
        <EmptyState />
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('common:account.username')}</Table.Th>
                <Table.Th>{t('common:account.role')}</Table.Th>
                <Table.Th>{t('staff.created')}</Table.Th>
                <Table.Th ta="right">{t('tables.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id} data-testid="user-row" data-username={user.username}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={600}>{user.username}</Text>
                      {user.id === me?.id ? (
                        <Badge size="sm" variant="outline">
                          {t('staff.me')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={user.role === 'owner' ? 'orange' : 'blue'} variant="light">
                      {t(`common:account.roles.${user.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(user.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button size="xs" variant="default" onClick={() => setForm({ user })}>
                        {t('staff.edit')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(user)}>
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
        onClose={() => setForm(null)}
        onSubmit={(values) =>
          editing
            ? update.mutateAsync({ userId: editing.id, body: values })
            : create.mutateAsync({
                username: values.username ?? '',
                password: values.password ?? '',
                role: values.role ?? 'manager',
              })
        }
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('staff.deleteTitle', { username: deleting?.username ?? '' })}
        message={deleting?.id === me?.id ? t('staff.deleteSelfText') : t('staff.deleteText')}
        confirmLabel={t('common:actions.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      />
    </Stack>
  );
}
