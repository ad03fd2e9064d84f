import { Badge, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Store } from '@contract/stores';
import { formatDateTime } from '@shared/lib/format';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { DataTable, RowEditButton } from '@shared/ui/data-table';
import { PageHeader } from '@shared/ui/page-header';
import { QueryList } from '@shared/ui/query-list';
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
      <PageHeader
        title={t('stores.title')}
        subtitle={t('stores.subtitle')}
        action={<Button onClick={() => setForm({ store: null })}>{t('stores.add')}</Button>}
      />
      <QueryList query={stores} empty={t('stores.none')}>
        {(list) => (
          <DataTable
            rows={list}
            rowKey={(store) => store.id}
            rowData={(store) => ({ 'data-testid': 'store-row', 'data-store-code': store.code })}
            highlightOnHover
            columns={[
              {
                key: 'code',
                header: t('stores.code'),
                cell: (store) => (
                  <Text ff="monospace" fw={600}>
                    {store.code}
                  </Text>
                ),
              },
              { key: 'name', header: t('stores.name'), cell: (store) => <Text fw={600}>{store.name}</Text> },
              { key: 'timezone', header: t('stores.timezone'), cell: (store) => store.timezone },
              {
                key: 'state',
                header: t('stores.state'),
                cell: (store) => (
                  <Badge color={store.isActive ? 'teal' : 'gray'} variant="light">
                    {store.isActive ? t('stores.active') : t('stores.inactive')}
                  </Badge>
                ),
              },
              {
                key: 'created',
                header: t('stores.created'),
                cell: (store) => formatDateTime(store.createdAt, i18n.language),
              },
            ]}
            actionsHeader={t('stores.actions')}
            actionsNoWrap
            actions={(store) => (
              <>
                <Button component={Link} to={`/stores/${store.id}`} size="xs" variant="light">
                  {t('stores.admins')}
                </Button>
                <RowEditButton onClick={() => setForm({ store })}>{t('common:actions.edit')}</RowEditButton>
                <Button
                  size="xs"
                  variant="subtle"
                  color={store.isActive ? 'red' : 'teal'}
                  onClick={() => setToggling(store)}
                >
                  {store.isActive ? t('stores.deactivate') : t('stores.activate')}
                </Button>
              </>
            )}
          />
        )}
      </QueryList>
      <StoreFormModal
        opened={form !== null}
        store={form?.store ?? null}
        onClose={() => setForm(null)}
        onCreated={(store) => {
          notifications.show({ color: 'teal', message: t('stores.createdToast', { name: store.name }) });
          navigate(`/stores/${store.id}`);
        }}
      />
      <ConfirmMutationDialog
        target={toggling}
        color={toggling?.isActive ? 'red' : 'teal'}
        title={
          toggling?.isActive
            ? t('stores.deactivateTitle', { name: toggling?.name ?? '' })
            : t('stores.activateTitle', { name: toggling?.name ?? '' })
        }
        message={toggling?.isActive ? t('stores.deactivateText') : t('stores.activateText')}
        confirmLabel={toggling?.isActive ? t('stores.deactivate') : t('stores.activate')}
        mutation={update}
        variables={(store) => ({ storeId: store.id, body: { isActive: !store.isActive } })}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
