import { Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { session } from '@admin/lib/session';
import type { AdminUser } from '@contract/stores';
import { AccountFormModal } from '@shared/ui/account-form-modal';
import { AccountsTable } from '@shared/ui/accounts-table';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { PageHeader } from '@shared/ui/page-header';
import { QueryList } from '@shared/ui/query-list';
import { useDeleteUser } from '../api/delete-user';
import { useUsers } from '../api/get-users';
import { useCreateUser, useUpdateUser } from '../api/save-user';

/** The store's staff accounts; only owners reach this screen. */
export function StaffPage() {
  const { t } = useTranslation();
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
      <PageHeader
        title={t('staff.title')}
        subtitle={t('staff.subtitle')}
        action={<Button onClick={() => setForm({ user: null })}>{t('staff.add')}</Button>}
      />
      <QueryList query={users}>
        {(list) => (
          <AccountsTable
            accounts={list}
            rowTestId="user-row"
            meId={me?.id}
            onEdit={(user) => setForm({ user })}
            onDelete={setDeleting}
          />
        )}
      </QueryList>
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
      <ConfirmMutationDialog
        target={deleting}
        title={t('staff.deleteTitle', { username: deleting?.username ?? '' })}
        message={deleting?.id === me?.id ? t('staff.deleteSelfText') : t('staff.deleteText')}
        blocked={deleting !== null && deleting.id === me?.id}
        mutation={remove}
        variables={(user) => user.id}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
