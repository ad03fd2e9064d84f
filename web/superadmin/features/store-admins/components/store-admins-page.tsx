import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { AdminUser, Store } from '@contract/stores';
import { AccountFormModal } from '@shared/ui/account-form-modal';
import { AccountsTable } from '@shared/ui/accounts-table';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { PageHeader } from '@shared/ui/page-header';
import { QueryList } from '@shared/ui/query-list';
import { queryKeys } from '@superadmin/lib/query-keys';
import { api } from '@superadmin/lib/session';
import { useStoreAdmins } from '../api/get-store-admins';
import { useCreateStoreAdmin, useDeleteStoreAdmin, useUpdateStoreAdmin } from '../api/save-store-admin';

/** A store's owner and manager accounts, managed by the super-admin. */
export function StoreAdminsPage() {
  const { t } = useTranslation();
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
  // A store keeps at least one owner: the last one cannot be deleted, and the dialog says so.
  const lastOwner =
    deleting?.role === 'owner' && (admins.data ?? []).filter((admin) => admin.role === 'owner').length <= 1;

  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/" size="sm">
          {t('admins.back')}
        </Anchor>
        <PageHeader
          align="flex-end"
          title={store ? t('admins.title', { name: store.name }) : t('admins.titleUnknown')}
          subtitle={store ? t('admins.storeCode', { code: store.code }) : null}
          action={<Button onClick={() => setForm({ admin: null })}>{t('admins.add')}</Button>}
        />
      </div>
      {store && !store.isActive ? <Alert color="yellow">{t('admins.inactiveStore')}</Alert> : null}
      <QueryList query={admins} empty={t('admins.none')}>
        {(list) => (
          <AccountsTable
            accounts={list}
            rowTestId="admin-row"
            onEdit={(admin) => setForm({ admin })}
            onDelete={setDeleting}
          />
        )}
      </QueryList>
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
      <ConfirmMutationDialog
        target={deleting}
        title={t('admins.deleteTitle', { username: deleting?.username ?? '' })}
        message={lastOwner ? t('admins.deleteLastOwnerText') : t('admins.deleteText')}
        blocked={lastOwner}
        mutation={remove}
        variables={(admin) => ({ storeId, adminId: admin.id })}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
