import { Badge, Box, Button, Group, Image, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category, Menu } from '@contract/menus';
import { formatWon } from '@shared/lib/format';
import { ConfirmMutationDialog } from '@shared/ui/confirm-mutation-dialog';
import { errorText } from '@shared/ui/error-text';
import { EmptyState } from '@shared/ui/query-state';
import { useDeleteMenu } from '../api/delete-menu';
import { useReorderMenus } from '../api/reorder-menus';
import { useToggleAvailable } from '../api/save-menu';
import classes from './menu-list.module.css';
import { MoveButtons } from './move-buttons';

export interface MenuListProps {
  category: Category;
  menus: Menu[];
  onAdd: () => void;
  onEdit: (menu: Menu) => void;
}

function moved(ids: string[], from: number, to: number): string[] {
  const next = ids.slice();
  const [id] = next.splice(from, 1);
  if (id !== undefined) next.splice(to, 0, id);
  return next;
}

/** The dishes of one category, in the order guests see them; drag or use the arrows to reorder. */
export function MenuList({ category, menus, onAdd, onEdit }: MenuListProps) {
  const { t } = useTranslation();
  const reorder = useReorderMenus();
  const toggle = useToggleAvailable();
  const remove = useDeleteMenu();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Menu | null>(null);

  const ids = menus.map((menu) => menu.id);
  // A refused change is put back in the list; the notification says why.
  const notify = (error: unknown) => notifications.show({ color: 'red', message: errorText(t, error) });
  const save = (menuIds: string[]) => reorder.mutate({ categoryId: category.id, menuIds }, { onError: notify });

  const onDrop = (event: DragEvent, targetId: string) => {
    event.preventDefault();
    const from = dragging ? ids.indexOf(dragging) : -1;
    const to = ids.indexOf(targetId);
    setDragging(null);
    setOver(null);
    if (from < 0 || to < 0 || from === to) return;
    save(moved(ids, from, to));
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {category.name}
          </Title>
          <Button onClick={onAdd}>{t('menus.addMenu')}</Button>
        </Group>
        {menus.length === 0 ? <EmptyState>{t('menus.noMenus')}</EmptyState> : null}
        <ul className={classes.list}>
          {menus.map((menu, index) => (
            <li
              key={menu.id}
              className={[
                classes.row,
                menu.isAvailable ? '' : classes.soldOut,
                dragging === menu.id ? classes.dragging : '',
                over === menu.id && dragging !== menu.id ? classes.over : '',
              ].join(' ')}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', menu.id);
                setDragging(menu.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onDragOver={(event) => {
                if (!dragging) return;
                event.preventDefault();
                setOver(menu.id);
              }}
              onDrop={(event) => onDrop(event, menu.id)}
              data-testid="menu-row"
              data-menu-name={menu.name}
            >
              <div className={classes.main}>
                <Text c="dimmed" className={classes.handle} aria-hidden>
                  ⠿
                </Text>
                <Box w={64} h={64} style={{ flexShrink: 0 }}>
                  {menu.imageUrl ? (
                    <Image
                      src={menu.imageUrls?.card ?? menu.imageUrl}
                      alt={menu.name}
                      w={64}
                      h={64}
                      radius="sm"
                      fit="cover"
                    />
                  ) : (
                    <Box w={64} h={64} bg="gray.1" style={{ borderRadius: 6 }} />
                  )}
                </Box>
                <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={700}>{menu.name}</Text>
                    {!menu.isAvailable ? (
                      <Badge color="red" variant="light" size="sm">
                        {t('menus.soldOut')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={1}>
                    {menu.description || '\u00a0'}
                  </Text>
                </Stack>
                <Text fw={700} className={classes.price}>
                  {formatWon(menu.price)}
                </Text>
              </div>
              <div className={classes.controls}>
                <Switch
                  label={menu.isAvailable ? t('menus.onSale') : t('menus.soldOut')}
                  checked={menu.isAvailable}
                  onChange={(e) => toggle.mutate({ menu, isAvailable: e.currentTarget.checked }, { onError: notify })}
                  w={96}
                />
                <MoveButtons
                  index={index}
                  count={menus.length}
                  busy={reorder.isPending}
                  onMove={(delta) => save(moved(ids, index, index + delta))}
                />
                <Button size="xs" variant="default" onClick={() => onEdit(menu)}>
                  {t('common:actions.edit')}
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(menu)}>
                  {t('common:actions.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </Stack>
      <ConfirmMutationDialog
        target={deleting}
        title={t('menus.deleteMenuTitle', { name: deleting?.name ?? '' })}
        message={t('menus.deleteMenuText')}
        mutation={remove}
        variables={(menu) => menu.id}
        onClose={() => setDeleting(null)}
      />
    </Paper>
  );
}
