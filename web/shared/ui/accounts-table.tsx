import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '@contract/stores';
import { formatDateTime } from '../lib/format';
import { DataTable, RowDeleteButton, RowEditButton } from './data-table';

export interface AccountsTableProps {
  accounts: AdminUser[];
  /** Each row's test id. */
  rowTestId: string;
  /** The signed-in account, marked as "me". */
  meId?: string;
  onEdit: (account: AdminUser) => void;
  onDelete: (account: AdminUser) => void;
}

/** A store's staff accounts with their roles, each with a password/role button and a delete button. */
export function AccountsTable({ accounts, rowTestId, meId, onEdit, onDelete }: AccountsTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <DataTable
      rows={accounts}
      rowKey={(account) => account.id}
      rowData={(account) => ({ 'data-testid': rowTestId, 'data-username': account.username })}
      columns={[
        {
          key: 'username',
          header: t('common:account.username'),
          cell: (account) => (
            <Group gap="xs">
              <Text fw={600}>{account.username}</Text>
              {account.id === meId ? (
                <Badge size="sm" variant="outline">
                  {t('common:account.me')}
                </Badge>
              ) : null}
            </Group>
          ),
        },
        {
          key: 'role',
          header: t('common:account.role'),
          cell: (account) => (
            <Badge color={account.role === 'owner' ? 'orange' : 'blue'} variant="light">
              {t(`common:account.roles.${account.role}`)}
            </Badge>
          ),
        },
        {
          key: 'created',
          header: t('common:account.created'),
          cell: (account) => formatDateTime(account.createdAt, i18n.language),
        },
      ]}
      actionsHeader={t('common:account.manage')}
      actions={(account) => (
        <>
          <RowEditButton onClick={() => onEdit(account)}>{t('common:account.edit')}</RowEditButton>
          <RowDeleteButton onClick={() => onDelete(account)} />
        </>
      )}
    />
  );
}
