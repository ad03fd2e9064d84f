import { ActionIcon, Badge, Button, Group, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OptionGroup } from '@contract/menus';
import { formatWon } from '@shared/lib/format';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { errorText } from '@shared/ui/error-text';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { optionsBody, useDeleteOptionGroup, useOptionGroups, useUpdateOptionGroup } from '../api/option-groups';
import { moveOption } from '../option-group-draft';
import { OptionGroupFormModal } from './option-group-form-modal';

function rangeText(group: OptionGroup, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (group.maxSelect === 1) return group.minSelect >= 1 ? t('optionGroups.pickOne') : t('optionGroups.pickUpToOne');
  if (group.minSelect === 0) return t('optionGroups.pickUpTo', { max: group.maxSelect });
  return t('optionGroups.pickRange', { min: group.minSelect, max: group.maxSelect });
}

/**
 * The store's reusable option groups (맵기, 양 선택, 사리 추가): each with its options, prices and
 * a sold-out switch per option that takes effect on the tablets at once; up and down set the
 * order staff see them in the dish form.
 */
export function OptionGroupsPage() {
  const { t } = useTranslation();
  const groups = useOptionGroups();
  const update = useUpdateOptionGroup();
  const remove = useDeleteOptionGroup();
  const [form, setForm] = useState<{ group: OptionGroup | null } | null>(null);
  const [deleting, setDeleting] = useState<OptionGroup | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  if (groups.data === undefined) {
    return groups.isError ? (
      <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
    ) : (
      <LoadingState />
    );
  }
  const list = groups.data;

  const save = (group: OptionGroup, body: Parameters<typeof update.mutate>[0]['body']) => {
    setProblem(null);
    update.mutate({ id: group.id, body }, { onError: setProblem });
  };

  // The list's order becomes each group's sortOrder (only the ones that moved are sent).
  const move = async (index: number, delta: -1 | 1) => {
    const next = moveOption(list, index, delta);
    setProblem(null);
    try {
      for (const [sortOrder, group] of next.entries()) {
        if (group.sortOrder !== sortOrder) await update.mutateAsync({ id: group.id, body: { sortOrder } });
      }
    } catch (error) {
      setProblem(error);
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>{t('optionGroups.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('optionGroups.subtitle')}
          </Text>
        </div>
        <Button onClick={() => setForm({ group: null })} data-testid="option-group-new">
          {t('optionGroups.add')}
        </Button>
      </Group>
      {problem ? (
        <Text c="red.7" role="alert">
          {errorText(t, problem)}
        </Text>
      ) : null}
      {list.length === 0 ? (
        <EmptyState>{t('optionGroups.empty')}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {list.map((group, index) => (
            <Paper key={group.id} withBorder p="md" data-testid="option-group-card" data-group-name={group.name}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs">
                    <Text fw={800} size="lg">
                      {group.name}
                    </Text>
                    <Badge color={group.minSelect >= 1 ? 'red' : 'gray'} variant="light">
                      {group.minSelect >= 1 ? t('common:chooser.required') : t('common:chooser.optional')}
                    </Badge>
                    <Text size="sm" c="dimmed">
                      {rangeText(group, t)}
                    </Text>
                  </Group>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('menus.moveUp')}
                      disabled={index === 0 || update.isPending}
                      onClick={() => void move(index, -1)}
                    >
                      ▲
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('menus.moveDown')}
                      disabled={index === list.length - 1 || update.isPending}
                      onClick={() => void move(index, 1)}
                    >
                      ▼
                    </ActionIcon>
                    <Button size="xs" variant="default" onClick={() => setForm({ group })}>
                      {t('common:actions.edit')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(group)}>
                      {t('common:actions.delete')}
                    </Button>
                  </Group>
                </Group>
                {group.options.map((option) => (
                  <Group key={option.id} justify="space-between" wrap="nowrap" data-testid="option-row">
                    <Text
                      td={option.isAvailable ? undefined : 'line-through'}
                      c={option.isAvailable ? undefined : 'dimmed'}
                    >
                      {option.name}
                    </Text>
                    <Group gap="md" wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {option.price > 0 ? `+${formatWon(option.price)}` : t('common:chooser.free')}
                      </Text>
                      <Switch
                        size="md"
                        label={option.isAvailable ? t('optionGroups.onSale') : t('optionGroups.soldOut')}
                        checked={option.isAvailable}
                        aria-label={t('optionGroups.soldOutToggle', { name: option.name })}
                        onChange={(event) => {
                          const isAvailable = event.currentTarget.checked;
                          save(group, {
                            options: optionsBody(group).map((o) => (o.id === option.id ? { ...o, isAvailable } : o)),
                          });
                        }}
                        data-testid="option-available"
                      />
                    </Group>
                  </Group>
                ))}
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <OptionGroupFormModal opened={form !== null} group={form?.group ?? null} onClose={() => setForm(null)} />
      <ConfirmMutationDialog
        target={deleting}
        title={t('optionGroups.deleteTitle', { name: deleting?.name ?? '' })}
        message={t('optionGroups.deleteText')}
        mutation={remove}
        variables={(group) => group.id}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
