import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Table as DiningTable } from '../../../../../contract/tables';
import { useNow } from '../../../../shared/lib/use-now';
import { ConfirmDialog } from '../../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, LoadingState } from '../../../../shared/ui/query-state';
import { openSinceLabel } from '../../../lib/open-since';
import { useDeleteTable } from '../api/delete-table';
import { useTables } from '../api/get-tables';
import { TableFormModal } from './table-form-modal';

export function TablesPage() {
  const { t } = useTranslation();
  const tables = useTables();
  const now = useNow(30_000);
  const remove = useDeleteTable();
  const [form, setForm] = useState<{ table: DiningTable | null } | null>(null);
  const [deleting, setDeleting] = useState<DiningTable | null>(null);

  const list = tables.data ?? [];
  const suggested = list.reduce((max, table) => Math.max(max, table.number), 0) + 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('tables.title')}</Title>
        <Button onClick={() => setForm({ table: null })}>{t('tables.add')}</Button>
      </Group>
      {tables.isPending ? (
        <LoadingState />
      ) : tables.isError ? (
        <ErrorState error={tables.error} onRetry={() => tables.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState>{t('tables.none')}</EmptyState>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={120}>{t('tables.number')}</Table.Th>
                <Table.Th>{t('tables.state')}</Table.Th>
                <Table.Th ta="right">{t('tables.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((table) => (
                <Table.Tr key={table.id} data-testid="table-row" data-table-number={table.number}>
                  <Table.Td>
                    <Text fw={700}>{t('table.name', { number: table.number })}</Text>
                  </Table.Td>
                  <Table.Td>
                    {table.sessionStartedAt ? (
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
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end">
                      <Button component={Link} to={`/tables/${table.id}/history`} size="xs" variant="light">
                        {t('tables.history')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setForm({ table })}>
                        {t('tables.edit')}
                      </Button>
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(table)}>
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

      <TableFormModal
        opened={form !== null}
        table={form?.table ?? null}
        suggestedNumber={suggested}
        onClose={() => setForm(null)}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('tables.deleteTitle', { number: deleting?.number ?? '' })}
        message={t('tables.deleteText')}
        confirmLabel={t('common:actions.delete')}
        loading={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => {
          if (!deleting) return;
          const number = deleting.number;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'teal', message: t('tables.deleted', { number }) });
            },
          });
        }}
      />
    </Stack>
  );
}
