import { Badge, Button, Group, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCodes } from '@contract/errors';
import type { Translations } from '@contract/i18n';
import { type Category, CreateCategoryBody } from '@contract/menus';
import { ApiError } from '@shared/api/client';
import { useSubmitLock } from '@shared/lib/use-submit-lock';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { errorText } from '@shared/ui/error-text';
import { cleanTranslations, TranslationFields } from '@shared/ui/translation-fields';
import { useCreateCategory } from '../api/create-category';
import { useDeleteCategory } from '../api/delete-category';
import { useReorderCategories } from '../api/reorder-categories';
import { useUpdateCategory } from '../api/update-category';
import { MoveButtons } from './move-buttons';

export interface CategoriesPanelProps {
  categories: Category[];
  counts: Map<string, number>;
  selectedId: string | null;
  onSelect: (categoryId: string) => void;
}

const isValidName = (name: string) => CreateCategoryBody.shape.name.safeParse(name).success;

export function CategoriesPanel({ categories, counts, selectedId, onSelect }: CategoriesPanelProps) {
  const { t } = useTranslation();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const remove = useDeleteCategory();
  const reorder = useReorderCategories();
  const adding = useSubmitLock();
  const renaming = useSubmitLock();
  const [newName, setNewName] = useState('');
  const [newError, setNewError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{
    id: string;
    name: string;
    translations: Translations;
    error: string | null;
  } | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);

  /** A name taken by another live category of the store is the name field's error. */
  const explain = (error: unknown) =>
    error instanceof ApiError && error.code === ErrorCodes.duplicate
      ? t('menus.errors.categoryDuplicate')
      : errorText(t, error);

  const add = (event: FormEvent) => {
    event.preventDefault();
    // Nothing typed (a second Enter after the field was emptied by a save): nothing to add or explain.
    if (newName.trim() === '') return;
    if (!isValidName(newName)) {
      setNewError(t('menus.errors.categoryName'));
      return;
    }
    setNewError(null);
    const last = categories[categories.length - 1];
    const body = { name: newName.trim(), sortOrder: last ? Math.max(last.sortOrder + 1, categories.length) : 0 };
    adding.run(async () => {
      try {
        const category = await create.mutateAsync(body);
        setNewName('');
        onSelect(category.id);
      } catch (error) {
        setNewError(explain(error));
      }
    });
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    if (!isValidName(editing.name)) {
      setEditing({ ...editing, error: t('menus.errors.categoryName') });
      return;
    }
    const { id, name, translations } = editing;
    renaming.run(async () => {
      try {
        await update.mutateAsync({
          categoryId: id,
          body: { name: name.trim(), translations: cleanTranslations(translations) },
        });
        setEditing(null);
      } catch (error) {
        setEditing((current) => current && { ...current, error: explain(error) });
      }
    });
  };

  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= categories.length) return;
    const ordered = categories.slice();
    const [moved] = ordered.splice(index, 1);
    if (!moved) return;
    ordered.splice(target, 0, moved);
    reorder.mutate(ordered, { onError: (error) => notifications.show({ color: 'red', message: errorText(t, error) }) });
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('menus.categories')}</Title>
        {categories.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('menus.noCategories')}
          </Text>
        ) : null}
        {categories.map((category, index) =>
          editing?.id === category.id ? (
            <form key={category.id} onSubmit={rename}>
              <Group gap={4} wrap="nowrap" align="flex-start">
                <TextInput
                  aria-label={t('menus.categoryName')}
                  value={editing.name}
                  onChange={(e) => setEditing({ ...editing, name: e.currentTarget.value, error: null })}
                  error={editing.error}
                  style={{ flex: 1 }}
                  size="sm"
                  autoFocus
                />
                <Button type="submit" size="sm" loading={renaming.pending}>
                  {t('common:actions.save')}
                </Button>
                <Button size="sm" variant="default" onClick={() => setEditing(null)}>
                  {t('common:actions.cancel')}
                </Button>
              </Group>
              <Stack gap={4} mt={6}>
                <Text size="xs" c="dimmed">
                  {t('common:translations.hint')}
                </Text>
                <TranslationFields
                  value={editing.translations}
                  onChange={(translations) => setEditing({ ...editing, translations })}
                  label={editing.name}
                />
              </Stack>
            </form>
          ) : (
            <Group
              key={category.id}
              gap={4}
              wrap="nowrap"
              p={6}
              bg={category.id === selectedId ? 'orange.0' : undefined}
              style={{ borderRadius: 8 }}
              data-testid="category-row"
            >
              <UnstyledButton onClick={() => onSelect(category.id)} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={category.id === selectedId ? 700 : 500} truncate>
                    {category.name}
                  </Text>
                  <Badge size="sm" variant="light" color="gray">
                    {counts.get(category.id) ?? 0}
                  </Badge>
                </Group>
              </UnstyledButton>
              <MoveButtons
                index={index}
                count={categories.length}
                busy={reorder.isPending}
                onMove={(delta) => move(index, delta)}
              />
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={() =>
                  setEditing({ id: category.id, name: category.name, translations: category.translations, error: null })
                }
              >
                {t('menus.rename')}
              </Button>
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(category)}>
                {t('common:actions.delete')}
              </Button>
            </Group>
          ),
        )}
        <form onSubmit={add}>
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              placeholder={t('menus.newCategory')}
              aria-label={t('menus.newCategory')}
              value={newName}
              onChange={(e) => {
                setNewName(e.currentTarget.value);
                setNewError(null);
              }}
              error={newError}
              style={{ flex: 1 }}
              data-testid="new-category"
            />
            <Button type="submit" loading={adding.pending} disabled={newName.trim() === ''}>
              {t('common:actions.add')}
            </Button>
          </Group>
        </form>
      </Stack>
      <ConfirmMutationDialog
        target={deleting}
        title={t('menus.deleteCategoryTitle', { name: deleting?.name ?? '' })}
        message={
          (counts.get(deleting?.id ?? '') ?? 0) > 0
            ? t('menus.deleteCategoryNotEmpty', { count: counts.get(deleting?.id ?? '') ?? 0 })
            : t('menus.deleteCategoryText')
        }
        blocked={(counts.get(deleting?.id ?? '') ?? 0) > 0}
        mutation={remove}
        variables={(category) => category.id}
        onClose={() => setDeleting(null)}
      />
    </Paper>
  );
}
