import { Grid, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Menu } from '@contract/menus';
import { EmptyState, ErrorState, LoadingState } from '@shared/ui/query-state';
import { useCategories } from '../api/get-categories';
import { useMenus } from '../api/get-menus';
import { useOptionGroupChoices } from '../api/get-option-group-choices';
import { CategoriesPanel } from './categories-panel';
import { MenuFormModal } from './menu-form-modal';
import { MenuList } from './menu-list';

export function MenusPage() {
  const { t } = useTranslation();
  const categories = useCategories();
  const menus = useMenus();
  const optionGroups = useOptionGroupChoices();
  const [selected, setSelected] = useState<string | null>(null);
  const [form, setForm] = useState<{ menu: Menu | null } | null>(null);

  // What is already on screen stays when a refetch fails; errors show only with nothing to show.
  if (categories.data === undefined || menus.data === undefined) {
    if (!categories.isError && !menus.isError) return <LoadingState />;
    return (
      <ErrorState
        error={categories.error ?? menus.error}
        onRetry={() => {
          void categories.refetch();
          void menus.refetch();
        }}
      />
    );
  }

  const list = categories.data;
  const category = list.find((c) => c.id === selected) ?? list[0] ?? null;
  const counts = new Map<string, number>();
  for (const menu of menus.data) counts.set(menu.categoryId, (counts.get(menu.categoryId) ?? 0) + 1);

  return (
    <Stack>
      <Title order={2}>{t('menus.title')}</Title>
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <CategoriesPanel categories={list} counts={counts} selectedId={category?.id ?? null} onSelect={setSelected} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          {category ? (
            <MenuList
              category={category}
              menus={menus.data.filter((menu) => menu.categoryId === category.id)}
              onAdd={() => setForm({ menu: null })}
              onEdit={(menu) => setForm({ menu })}
            />
          ) : (
            <EmptyState>{t('menus.createCategoryFirst')}</EmptyState>
          )}
        </Grid.Col>
      </Grid>
      <MenuFormModal
        opened={form !== null}
        menu={form?.menu ?? null}
        categoryId={category?.id ?? null}
        categories={list}
        optionGroups={optionGroups.data ?? []}
        onClose={() => setForm(null)}
      />
    </Stack>
  );
}
