import { ActionIcon, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Menu } from '@contract/menus';
import { DishImage } from '@customer/components/dish-image';
import { PlusIcon } from '@customer/components/icons';
import { useMoney } from '@customer/lib/money';
import { useStoreText } from '@customer/lib/store-text';
import classes from './menu.module.css';

/** A photo card: tap the card for details, tap + to add one at once. */
export function MenuCard({
  menu,
  inCart,
  eager,
  onOpen,
  onAdd,
}: {
  menu: Menu;
  inCart: number;
  eager?: boolean;
  onOpen: (menu: Menu) => void;
  onAdd: (menu: Menu) => void;
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
