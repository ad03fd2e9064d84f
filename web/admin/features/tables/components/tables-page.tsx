import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { openSinceLabel } from '@admin/lib/open-since';
import type { Table as DiningTable } from '@contract/tables';
import { useNow } from '@shared/lib/use-now';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { DataTable, RowDeleteButton, RowEditButton } from '@shared/ui/data-table';
import { PageHeader } from '@shared/ui/page-header';
import { QueryList } from '@shared/ui/query-list';
import { useDeleteTable } from '../api/delete-table';
import { useTables } from '../api/get-tables';
import { TableFormModal } from './table-form-modal';
import { TableQrModal } from './table-qr-modal';

export function TablesPage() {
  const { t } = useTranslation();
  const tables = useTables();
  const now = useNow(30_000);
  const remove = useDeleteTable();
  const [form, setForm] = useState<{ table: DiningTable | null } | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const [qrTable, setQrTable] = useState<DiningTable | null>(null);

  const list = tables.data ?? [];
  // Read live: a table whose guests order while the question is open cannot be deleted any more.
  const deleting = list.find((table) => table.id === deletingId) ?? null;
  const inUse = deleting !== null && deleting.sessionId !== null;
  const suggested = list.reduce((max, table) => Math.max(max, table.number), 0) + 1;

  return (
    <Stack>
      <PageHeader
        title={t('tables.title')}
        action={
          <Group>
            <Button component={Link} to="/tables/qr-sheet" variant="light" data-testid="qr-sheet-link">
              {t('qr.sheet')}
            </Button>
            <Button onClick={() => setForm({ table: null })}>{t('tables.add')}</Button>
          </Group>
        }
      />
      <QueryList query={tables} empty={t('tables.none')}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(table) => table.id}
            rowData={(table) => ({ 'data-testid': 'table-row', 'data-table-number': table.number })}
            highlightOnHover
            columns={[
              {
                key: 'number',
                header: t('tables.number'),
                w: 120,
                cell: (table) => <Text fw={700}>{t('table.name', { number: table.number })}</Text>,
              },
              {
                key: 'state',
                header: t('tables.state'),
                cell: (table) =>
                  table.sessionStartedAt ? (
                    <Group gap="xs">
                      <Badge color="teal" variant="light">
                        {t('table.inUse')}
                      </Badge>
                      <Text size="sm" c="dimmed">
                        {openSinceLabel(t, table.sessionStartedAt, now)}
                      </Text>
                    </Group>
                  ) : (
                    <Badge color="gray" variant="light">
                      {t('table.empty')}
                    </Badge>
                  ),
              },
            ]}
            actionsHeader={t('tables.actions')}
            actions={(table) => (
              <>
                <Button
                  size="xs"
                  variant="light"
                  color="dark"
                  onClick={() => setQrTable(table)}
                  aria-label={`${t('table.name', { number: table.number })} ${t('qr.button')}`}
                  data-testid="table-qr-open"
                >
                  {t('qr.button')}
                </Button>
                <Button component={Link} to={`/tables/${table.id}/history`} size="xs" variant="light">
                  {t('tables.history')}
                </Button>
                <RowEditButton onClick={() => setForm({ table })}>{t('tables.edit')}</RowEditButton>
                <RowDeleteButton onClick={() => setDeletingId(table.id)} />
              </>
            )}
          />
        )}
      </QueryList>

      <TableQrModal table={qrTable} onClose={() => setQrTable(null)} />
      <TableFormModal
        opened={form !== null}
        table={form?.table ?? null}
        suggestedNumber={suggested}
        onClose={() => setForm(null)}
      />
      <ConfirmMutationDialog
        target={deleting}
        title={t('tables.deleteTitle', { number: deleting?.number ?? '' })}
        message={inUse ? t('tables.deleteInUseText', { number: deleting.number }) : t('tables.deleteText')}
        blocked={inUse}
        mutation={remove}
        variables={(table) => table.id}
        onDone={(table) =>
          notifications.show({ color: 'teal', message: t('tables.deleted', { number: table.number }) })
        }
        onClose={() => setDeletingId(null)}
      />
    </Stack>
  );
}
