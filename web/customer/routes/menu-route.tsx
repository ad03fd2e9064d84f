import { Button, Drawer, Skeleton, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import type { Allergen, TableMenuItem } from '@contract/menus';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '@contract/orders';
import { localizedName } from '@shared/menu/localized';
import { type ChooserResult, OptionChooser } from '@shared/menu/option-chooser';
import { EmptyState, ErrorState } from '@shared/ui/query-state';
import { VISUALLY_HIDDEN } from '@shared/ui/visually-hidden';
import { DishImage } from '../components/dish-image';
import cartClasses from '../features/cart/components/cart.module.css';
import { CartBar, CartPanel } from '../features/cart/components/cart-panel';
import { cart, useCart } from '../features/cart/stores/cart-store';
import { reviewCart } from '../features/cart/utils/review-cart';
import { menusById, useMenu } from '../features/menu/api/get-menu';
import { EasyMenuList, EasyOrderBar } from '../features/menu/components/easy-menu-list';
import { MenuBoard } from '../features/menu/components/menu-board';
import { MenuDetailModal } from '../features/menu/components/menu-detail-modal';
import { needsChoice, viewMenu } from '../features/menu/utils/view-menu';
import { ConfirmOrderModal } from '../features/order/components/confirm-order-modal';
import { orderOutbox, useOrderOutbox } from '../features/order/stores/order-outbox';
import { useEasyMode } from '../lib/easy-mode';
import { useGuide } from '../lib/guide';
import { notify } from '../lib/notify';
import { useStoreText } from '../lib/store-text';
import type { TableOutletContext } from '../shell/table-layout';
import classes from './routes.module.css';

function MenuSkeleton() {
  return (
    <div className={classes.skeletonGrid} role="status" aria-busy="true">
      {Array.from({ length: 8 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={i} height={280} radius={16} />
      ))}
    </div>
  );
}

/** The home screen: the menu, the cart beside it (below it on a phone), and ordering. */
export function MenuRoute() {
  const { t, i18n } = useTranslation();
  const { table, stream } = useOutletContext<TableOutletContext>();
  const menuQuery = useMenu();
  const currentCart = useCart();
  const outbox = useOrderOutbox();
  const compact = useMediaQuery('(max-width: 900px)', false, { getInitialValueInEffect: false });
  const easy = useEasyMode();
  const guide = useGuide();
  const storeText = useStoreText();
  const [detail, setDetail] = useState<TableMenuItem | null>(null);
  const [choosing, setChoosing] = useState<TableMenuItem | null>(null);
  const [avoid, setAvoid] = useState<Allergen[]>([]);
  const [orderNote, setOrderNote] = useState('');
  const [cartOpen, setCartOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const menus = useMemo(() => (menuQuery.data ? menusById(menuQuery.data) : null), [menuQuery.data]);
  const view = useMemo(
    () => (menuQuery.data ? viewMenu(menuQuery.data, i18n.language, avoid) : null),
    [menuQuery.data, i18n.language, avoid],
  );
  const names = useMemo(
    () => new Map([...(menus ?? new Map()).values()].map((m) => [m.id, localizedName(m, i18n.language)] as const)),
    [menus, i18n.language],
  );
  // The same dish with other options is another line: the card counts them all.
  const quantities = useMemo(() => {
    const map = new Map<string, number>();
    for (const line of currentCart.lines) map.set(line.menuId, (map.get(line.menuId) ?? 0) + line.quantity);
    return map;
  }, [currentCart.lines]);
  // The chooser follows the live menu: an option sold out meanwhile shows disabled at once.
  const chooserDish = choosing ? (menus?.get(choosing.id) ?? choosing) : null;
  const review = reviewCart(currentCart.lines, menus);
  const sending = outbox.pending !== null;

  // The confirmation closes once the order has an outcome: done, refused, or waiting for the network.
  useEffect(() => {
    if (submitted && outbox.phase !== 'sending') {
      setSubmitted(false);
      setConfirming(false);
    }
  }, [submitted, outbox.phase]);

  const add = (menu: TableMenuItem, quantity = 1, choice?: ChooserResult) => {
    if (!menu.isAvailable) {
      notify(t('menu.soldOutNotice'), 'gray');
      return;
    }
    if (sending) {
      notify(t('menu.locked'), 'orange');
      return;
    }
    if (!choice && needsChoice(menu)) {
      setDetail(null);
      setChoosing(menu);
      return;
    }
    const result = cart.add(
      {
        menuId: menu.id,
        name: menu.name,
        price: choice?.unitPrice ?? menu.price,
        imageUrl: menu.imageUrls?.card ?? menu.imageUrl,
        optionIds: choice?.optionIds ?? [],
        options: (choice?.options ?? []).map(({ groupName, name, price }) => ({ groupName, name, price })),
        note: choice?.note ?? null,
      },
      quantity,
    );
    if (result === 'too-many-lines') {
      notify(t('menu.maxLines', { max: MAX_ORDER_LINES }), 'red');
      return;
    }
    if (result === 'capped') {
      notify(t('menu.maxQuantity', { max: MAX_LINE_QUANTITY }), 'orange');
    } else if (easy.on) {
      const total = cart.get().lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
      guide.say(t('easy.sayAdded', { name: storeText(menu).name, count: quantity, total: guide.won(total) }));
      notify(t('menu.added', { name: storeText(menu).name, count: quantity }), 'green', 1_500);
    } else if (compact) {
      // On a phone the cart is out of sight; on the tablet the cart panel beside the menu shows it.
      notify(t('menu.added', { name: storeText(menu).name, count: quantity }), 'green', 1_200);
    }
    setDetail(null);
    setChoosing(null);
  };

  // A dish with options opens the chooser; a plain one its picture and description.
  const open = (menu: TableMenuItem) => (menu.optionGroups.length > 0 ? setChoosing(menu) : setDetail(menu));

  const confirm = async () => {
    if (review.lines.length === 0 || review.unavailable.length > 0) return;
    // The lines mirror the table's shared cart: order that cart as it stands (a change made here a
    // moment ago is waited for, briefly, so the version is the one the screen shows).
    for (let waited = 0; cart.mirroredVersion() === null && stream.status === 'open' && waited < 2_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const version = cart.mirroredVersion() ?? undefined;
    if (
      orderOutbox.submit(
        table.id,
        review.lines.map((l) => ({
          menuId: l.menuId,
          quantity: l.quantity,
          ...(l.optionIds.length > 0 ? { optionIds: l.optionIds } : {}),
          ...(l.note ? { note: l.note } : {}),
        })),
        version,
        orderNote,
      )
    ) {
      setSubmitted(true);
      setOrderNote('');
    }
  };

  let body: React.ReactNode;
  if (menuQuery.isPending) body = <MenuSkeleton />;
  else if (menuQuery.isError && !menuQuery.data)
    body = (
      <div style={{ padding: 24 }}>
        <ErrorState error={menuQuery.error} onRetry={() => void menuQuery.refetch()} />
      </div>
    );
  else if (!menuQuery.data || !view || menuQuery.data.categories.every((c) => c.menus.length === 0))
    body = <EmptyState>{t('menu.empty')}</EmptyState>;
  else if (easy.on) body = <EasyMenuList menu={view.menu} quantities={quantities} onOpen={open} />;
  else
    body = (
      <MenuBoard
        menu={view.menu}
        quantities={quantities}
        onOpen={open}
        onAdd={(m) => add(m)}
        avoid={avoid}
        hidden={view.hidden}
        onAvoidChange={setAvoid}
      />
    );

  const chooser = (
    <OptionChooser
      dish={chooserDish}
      language={i18n.language}
      onClose={() => setChoosing(null)}
      onAdd={(choice) => chooserDish && add(chooserDish, choice.quantity, choice)}
      header={
        chooserDish && (
          <>
            <div style={{ aspectRatio: '16 / 5', width: '100%' }}>
              <DishImage src={chooserDish.imageUrl} alt={chooserDish.name} soldOut={!chooserDish.isAvailable} eager />
            </div>
            {chooserDish.allergens.length > 0 && (
              <Text c="dimmed" fz="sm" px="xl" pt="md" data-testid="menu-allergens">
                {t('menu.contains', {
                  list: chooserDish.allergens.map((code) => t(`common:allergens.${code}`)).join(', '),
                })}
              </Text>
            )}
          </>
        )
      }
    />
  );

  // The dish, the option chooser and the order confirmation, in both layouts.
  const dialogs = (
    <>
      <MenuDetailModal menu={detail} onClose={() => setDetail(null)} onAdd={(m, quantity) => add(m, quantity)} />
      {chooser}
      <ConfirmOrderModal
        opened={confirming}
        lines={review.lines}
        names={names}
        note={orderNote}
        onNoteChange={setOrderNote}
        total={review.total}
        sending={submitted && outbox.phase === 'sending'}
        onConfirm={() => void confirm()}
        onClose={() => setConfirming(false)}
      />
    </>
  );

  if (easy.on) {
    // Easy mode: one column of dishes and one bar to order from; the cart's lines show in the confirmation.
    return (
      <div className={classes.menuPage} style={{ flexDirection: 'column' }}>
        {body}
        {review.unavailable.length > 0 && (
          <Button
            h={64}
            fz={22}
            m="sm"
            color="red.9"
            onClick={() => cart.remove(review.unavailable.map((l) => l.menuId))}
          >
            {t('cart.unavailableNotice')} {t('cart.removeUnavailable')}
          </Button>
        )}
        <EasyOrderBar
          count={review.count}
          total={review.total}
          orderLabel={t('cart.order')}
          disabled={review.count === 0 || review.unavailable.length > 0 || sending}
          onOrder={() => setConfirming(true)}
        />
        {dialogs}
      </div>
    );
  }

  const panel = (
    <CartPanel
      menus={menus}
      sending={sending}
      onOrder={() => {
        setCartOpen(false);
        setConfirming(true);
      }}
      onClose={compact ? () => setCartOpen(false) : undefined}
      className={compact ? undefined : cartClasses.aside}
    />
  );

  return (
    <div className={classes.menuPage}>
      <div className={classes.menuColumn}>
        {body}
        {compact && <CartBar menus={menus} onOpen={() => setCartOpen(true)} />}
      </div>
      {compact ? (
        <Drawer
          opened={cartOpen}
          onClose={() => setCartOpen(false)}
          position="bottom"
          size="88%"
          padding={0}
          withCloseButton={false}
          title={t('cart.title')}
          radius="lg"
          styles={{
            header: VISUALLY_HIDDEN,
            content: { display: 'flex', flexDirection: 'column' },
            body: { flex: 1, minHeight: 0, padding: 0 },
          }}
        >
          {panel}
        </Drawer>
      ) : (
        panel
      )}
      {dialogs}
    </div>
  );
}
