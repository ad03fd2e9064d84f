import { ActionIcon, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TableMenuItem } from '@contract/menus';
import { DishImage } from '@customer/components/dish-image';
import { PlusIcon } from '@customer/components/icons';
import { useMoney } from '@customer/lib/money';
import { useStoreText } from '@customer/lib/store-text';
import classes from './menu.module.css';

const BADGE_COLORS: Record<TableMenuItem['badges'][number], string> = {
  popular: 'red',
  new: 'blue',
  recommended: 'orange',
  spicy: 'red',
  vegetarian: 'green',
};

/** A photo card: tap the card for details, tap + to add one at once (or choose, when the dish asks to). */
export function MenuCard({
  menu,
  inCart,
  eager,
  onOpen,
  onAdd,
}: {
  menu: TableMenuItem;
  inCart: number;
  eager?: boolean;
  onOpen: (menu: TableMenuItem) => void;
  onAdd: (menu: TableMenuItem) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const { name, description } = useStoreText()(menu);
  const soldOut = !menu.isAvailable;
  return (
    <article
      className={soldOut ? `${classes.card} ${classes.soldOutCard}` : classes.card}
      data-testid="menu-card"
      data-menu-id={menu.id}
      data-sold-out={soldOut || undefined}
      aria-label={name}
    >
      <button type="button" className={classes.cardOpen} onClick={() => onOpen(menu)}>
        <div className={classes.cardPhoto}>
          <DishImage src={menu.imageUrls?.card ?? menu.imageUrl} alt={name} soldOut={soldOut} eager={eager} />
          {soldOut && (
            <div className={classes.soldOutLabel}>
              <span>{t('menu.soldOut')}</span>
            </div>
          )}
          {inCart > 0 && (
            <Badge className={classes.inCart} size="lg" color="orange" variant="filled">
              {t('menu.inCart', { count: inCart })}
            </Badge>
          )}
        </div>
        <div className={classes.cardBody}>
          {menu.badges.length > 0 && (
            <Group gap={4} data-testid="menu-badges">
              {menu.badges.map((badge) => (
                <Badge key={badge} size="sm" variant="light" color={BADGE_COLORS[badge]}>
                  {t(`common:badges.${badge}`)}
                </Badge>
              ))}
            </Group>
          )}
          <span className={classes.cardName}>{name}</span>
          <span className={classes.cardDescription}>{description}</span>
        </div>
      </button>
      <div className={classes.cardFooter}>
        <span className={classes.price}>{money(menu.price)}</span>
        <ActionIcon
          className={classes.addButton}
          size={48}
          radius="xl"
          variant={soldOut ? 'light' : 'filled'}
          color={soldOut ? 'gray' : 'orange'}
          disabled={soldOut}
          aria-label={soldOut ? `${name} ${t('menu.soldOut')}` : `${name} ${t('menu.add')}`}
          onClick={() => onAdd(menu)}
          data-testid="menu-add"
        >
          <PlusIcon size={26} strokeWidth={2.6} />
        </ActionIcon>
      </div>
    </article>
  );
}
