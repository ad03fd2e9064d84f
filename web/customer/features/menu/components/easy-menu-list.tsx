import { ActionIcon, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TableMenu, TableMenuItem } from '@contract/menus';
import { DishImage } from '@customer/components/dish-image';
import { SpeakerIcon } from '@customer/components/icons';
import { useGuide } from '@customer/lib/guide';
import { useMoney } from '@customer/lib/money';
import { speechAvailable } from '@customer/lib/speech';
import { useStoreText } from '@customer/lib/store-text';
import classes from './easy-menu.module.css';

/**
 * Easy mode's menu: one dish per row with its picture, name and price in large type, a 64 px
 * "choose" button (which opens the dish with its quantity: pick → quantity → order) and a button
 * that reads the dish aloud. Sold-out dishes say so in words, not only in grey.
 */
export function EasyMenuList({
  menu,
  quantities,
  onOpen,
}: {
  menu: TableMenu;
  quantities: Map<string, number>;
  onOpen: (menu: TableMenuItem) => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const guide = useGuide();
  const text = useStoreText();
  const canSpeak = guide.active && speechAvailable();
  const categories = menu.categories.filter((c) => c.menus.length > 0);

  const describe = (dish: TableMenuItem) => {
    const { name, description } = text(dish);
    return dish.isAvailable
      ? t('easy.sayDish', { name, price: guide.won(dish.price), description })
      : t('easy.saySoldOut', { name });
  };

  return (
    <div className={classes.list} data-testid="easy-menu">
      <p className={classes.steps}>{t('easy.steps')}</p>
      {categories.map((category) => (
        <section key={category.id} aria-labelledby={`easy-category-${category.id}`}>
          <h2 id={`easy-category-${category.id}`} className={classes.categoryTitle}>
            {text(category).name}
          </h2>
          {category.menus.map((dish) => {
            const { name } = text(dish);
            const inCart = quantities.get(dish.id) ?? 0;
            const soldOut = !dish.isAvailable;
            return (
              <article
                key={dish.id}
                className={soldOut ? `${classes.row} ${classes.soldOut}` : classes.row}
                aria-labelledby={`easy-dish-${dish.id}`}
                data-testid="easy-dish"
                data-menu-id={dish.id}
              >
                <div className={classes.photo}>
                  <DishImage src={dish.imageUrl} alt="" soldOut={soldOut} />
                </div>
                <div className={classes.text}>
                  <span id={`easy-dish-${dish.id}`} className={classes.name}>
                    {name}
                  </span>
                  <span className={classes.price}>{money(dish.price)}</span>
                  {soldOut && <span className={classes.status}>{t('menu.soldOut')}</span>}
                  {!soldOut && inCart > 0 && (
                    <span className={classes.status}>{t('menu.inCart', { count: inCart })}</span>
                  )}
                </div>
                <div className={classes.actions}>
                  <Button
                    h={72}
                    fz={28}
                    fw={900}
                    radius="md"
                    color="dark"
                    disabled={soldOut}
                    aria-label={soldOut ? `${name} ${t('menu.soldOut')}` : `${name} ${t('easy.choose')}`}
                    onClick={() => {
                      guide.say(describe(dish));
                      onOpen(dish);
                    }}
                    data-testid="easy-choose"
                  >
                    {soldOut ? t('menu.soldOut') : t('easy.choose')}
                  </Button>
                  {canSpeak && (
                    <ActionIcon
                      h={64}
                      w="100%"
                      variant="outline"
                      color="dark"
                      radius="md"
                      aria-label={t('easy.listen', { name })}
                      onClick={() => guide.say(describe(dish))}
                    >
                      <SpeakerIcon size={32} />
                    </ActionIcon>
                  )}
                </div>
              </article>
            );
          })}
        </section>
      ))}
    </div>
  );
}

/** Easy mode's always-visible bottom bar: how many, the total (with a button to hear it), Order. */
export function EasyOrderBar({
  count,
  total,
  orderLabel,
  disabled,
  onOrder,
}: {
  count: number;
  total: number;
  orderLabel: string;
  disabled: boolean;
  onOrder: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const guide = useGuide();
  const summary = t('easy.cartSummary', { count, total: money(total) });
  return (
    <div className={classes.bar} data-testid="easy-order-bar">
      <span className={classes.total} aria-live="polite">
        {count > 0 ? summary : t('cart.empty')}
      </span>
      {guide.active && speechAvailable() && (
        <Button
          h={64}
          fz={22}
          variant="outline"
          color="dark"
          leftSection={<SpeakerIcon size={28} />}
          onClick={() =>
            guide.say(count > 0 ? t('easy.sayCart', { count, total: guide.won(total) }) : t('easy.sayCartEmpty'))
          }
        >
          {t('easy.listenCart')}
        </Button>
      )}
      <Button h={72} px={36} fz={28} fw={900} disabled={disabled} onClick={onOrder} data-testid="easy-order">
        {orderLabel}
      </Button>
    </div>
  );
}
