import { Badge, Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Station } from '@contract/kitchen';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { DataTable, RowDeleteButton, RowEditButton } from '@shared/ui/data-table';
import { errorText } from '@shared/ui/error-text';
import { PageHeader } from '@shared/ui/page-header';
import { QueryList } from '@shared/ui/query-list';
import { useStations } from '../api/get-stations';
import { useRouteCategory, useRoutingCategories } from '../api/route-category';
import { useDeleteStation } from '../api/save-station';
import { PrinterBadge } from './printer-badge';
import { StationFormModal } from './station-form-modal';

/** Staff set up stations and their printers, and send each category to one. */
export function StationsPage() {
  const { t } = useTranslation();
  const stations = useStations();
  const categories = useRoutingCategories();
  const route = useRouteCategory();
  const remove = useDeleteStation();
  const [form, setForm] = useState<{ station: Station | null } | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);

  const list = stations.data ?? [];
  const first = list[0];
  const deleting = list.find((s) => s.id === deletingId) ?? null;
  const routedHere = (categories.data ?? []).filter((c) => c.stationId === deletingId);
  const blockedReason = deleting ? (routedHere.length > 0 ? 'inUse' : list.length <= 1 ? 'last' : null) : null;

  return (
    <Stack>
      <PageHeader
        title={t('stations.title')}
        subtitle={t('stations.subtitle')}
        action={<Button onClick={() => setForm({ station: null })}>{t('stations.add')}</Button>}
      />
      <QueryList query={stations} empty={t('stations.none')}>
        {(rows) => (
          <DataTable
            rows={rows}
            rowKey={(station) => station.id}
            rowData={(station) => ({ 'data-testid': 'station-row', 'data-station': station.name })}
            columns={[
              {
                key: 'name',
                header: t('stations.name'),
                cell: (station) => (
                  <Group gap="xs">
                    <Text fw={700}>{station.name}</Text>
                    {station.id === first?.id ? (
                      <Badge variant="light" color="orange" size="sm">
                        {t('stations.first')}
                      </Badge>
                    ) : null}
                  </Group>
                ),
              },
              {
                key: 'printer',
                header: t('stations.printer'),
                cell: (station) => (
                  <Text size="sm" ff="monospace">
                    {station.printer ? `${station.printer.host}:${station.printer.port}` : '—'}
                  </Text>
                ),
              },
              {
                key: 'state',
                header: t('stations.state'),
                cell: (station) => (
                  <Stack gap={2}>
                    <PrinterBadge station={station} />
                    {station.printerStatus.online === false && station.printerStatus.error ? (
                      <Text size="xs" c="dimmed">
                        {station.printerStatus.error}
                      </Text>
                    ) : null}
                  </Stack>
                ),
              },
            ]}
            actionsHeader={t('stations.actions')}
            actions={(station) => (
              <>
                <RowEditButton onClick={() => setForm({ station })}>{t('stations.edit')}</RowEditButton>
                <RowDeleteButton onClick={() => setDeletingId(station.id)} />
              </>
            )}
          />
        )}
      </QueryList>

      <Stack gap="xs" mt="lg">
        <Title order={3}>{t('stations.routing')}</Title>
        {first ? (
          <Text c="dimmed" size="sm">
            {t('stations.routingHint', { name: first.name })}
          </Text>
        ) : null}
        <QueryList query={categories} empty={t('stations.noCategories')}>
          {(rows) => (
            <DataTable
              rows={rows}
              rowKey={(category) => category.id}
              rowData={(category) => ({ 'data-testid': 'routing-row', 'data-category': category.name })}
              columns={[
                {
                  key: 'category',
                  header: t('stations.category'),
                  cell: (category) => <Text fw={600}>{category.name}</Text>,
                },
              ]}
              actionsHeader={t('stations.destination')}
              actions={(category) => (
                <Select
                  aria-label={`${category.name} ${t('stations.destination')}`}
                  w={220}
                  allowDeselect={false}
                  value={category.stationId ?? ''}
                  disabled={route.isPending}
                  data={[
                    { value: '', label: t('stations.defaultDestination', { name: first?.name ?? '' }) },
                    ...list.map((s) => ({ value: s.id, label: s.name })),
                  ]}
                  onChange={(value) => {
                    const stationId = value || null;
                    route.mutate(
                      { categoryId: category.id, stationId },
                      {
                        onSuccess: () =>
                          notifications.show({
                            color: 'teal',
                            message: t('stations.routed', {
                              category: category.name,
                              station: list.find((s) => s.id === stationId)?.name ?? first?.name ?? '',
                            }),
                          }),
                        onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }),
                      },
                    );
                  }}
                />
              )}
            />
          )}
        </QueryList>
      </Stack>

      {form ? <StationFormModal station={form.station} onClose={() => setForm(null)} /> : null}
      <ConfirmMutationDialog
        target={deleting}
        title={deleting ? t('stations.deleteTitle', { name: deleting.name }) : ''}
        message={
          blockedReason === 'inUse'
            ? t('stations.inUseText')
            : blockedReason === 'last'
              ? t('stations.lastText')
              : t('stations.deleteText')
        }
        blocked={blockedReason !== null}
        mutation={remove}
        variables={(station) => station.id}
        onClose={() => {
          setDeletingId(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
