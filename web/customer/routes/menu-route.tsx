import { Drawer, Skeleton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOutletContext } from 'react-router';
import type { Menu } from '@contract/menus';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES, type TableOrders } from '@contract/orders';
import { ApiError } from '@shared/api/client';
import { EmptyState, ErrorState } from '@shared/ui/query-state';
import cartClasses from '../features/cart/components/cart.module.css';
import { CartBar, CartPanel } from '../features/cart/components/cart-panel';
import { cart, useCart } from '../features/cart/stores/cart-store';
import { reviewCart } from '../features/cart/utils/review-cart';
import { menusById, useMenu } from '../features/menu/api/get-menu';
import { MenuBoard } from '../features/menu/components/menu-board';
import { MenuDetailModal } from '../features/menu/components/menu-detail-modal';
import { applyOrder, tableOrdersQueryKey } from '../features/my-orders/api/get-table-orders';
import { ConfirmOrderModal } from '../features/order/components/confirm-order-modal';
import { orderOutbox, useOrderOutbox } from '../features/order/stores/order-outbox';
import { useChangeSharedCart } from '../features/shared-cart/api/change-cart';
import { useSharedCart } from '../features/shared-cart/api/get-cart';
import { SharedCartBar, SharedCartPanel } from '../features/shared-cart/components/shared-cart-panel';
import { notify } from '../lib/notify';
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
  const { t } = useTranslation();
  const { table, stream } = useOutletContext<TableOutletContext>();
  const queryClient = useQueryClient();
  const menuQuery = useMenu();
  const currentCart = useCart();
  // Online, the tablet fills the table's shared cart with the guests' phones; offline it keeps its
  // own cart and outbox as before.
  const online = stream.status === 'open';
  const shared = useSharedCart(online);
  const changeShared = useChangeSharedCart();
  const outbox = useOrderOutbox();
  const compact = useMediaQuery('(max-width: 900px)', false, { getInitialValueInEffect: false });
  const [detail, setDetail] = useState<Menu | null>(null);
  const [cartOpen, setCartOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const menus = useMemo(() => (menuQuery.data ? menusById(menuQuery.data) : null), [menuQuery.data]);
  const quantities = useMemo(() => {
    if (!online) return new Map(currentCart.lines.map((l) => [l.menuId, l.quantity] as const));
    const map = new Map<string, number>();
    for (const line of shared.data?.items ?? []) map.set(line.menuId, (map.get(line.menuId) ?? 0) + line.quantity);
    return map;
  }, [online, currentCart.lines, shared.data]);
  const review = reviewCart(currentCart.lines, menus);
  const sending = outbox.pending !== null;

  // The confirmation closes once the order has an outcome: done, refused, or waiting for the network.
  useEffect(() => {
    if (submitted && outbox.phase !== 'sending') {
      setSubmitted(false);
      setConfirming(false);
    }
  }, [submitted, outbox.phase]);

  const add = (menu: Menu, quantity = 1) => {
    if (!menu.isAvailable) {
      notify(t('menu.soldOutNotice'), 'gray');
      return;
    }
    if (sending) {
      notify(t('menu.locked'), 'orange');
      return;
    }
    if (online) {
      changeShared.add.mutate(
        { menuId: menu.id, quantity },
        {
          onSuccess: () => {
            if (compact) notify(t('menu.added', { name: menu.name, count: quantity }), 'green', 1_200);
          },
          onError: (error) => {
            // The network went away on the way: the dish goes into the tablet's own cart instead.
            if (error instanceof ApiError && error.isNetwork) addLocally(menu, quantity);
            else notify(t('sharedCart.addFailed'), 'red');
          },
        },
      );
      setDetail(null);
      return;
    }
    addLocally(menu, quantity);
  };

  const addLocally = (menu: Menu, quantity: number) => {
    const result = cart.add({ menuId: menu.id, name: menu.name, price: menu.price, imageUrl: menu.imageUrl }, quantity);
    if (result === 'too-many-lines') {
      notify(t('menu.maxLines', { max: MAX_ORDER_LINES }), 'red');
      return;
    }
    if (result === 'capped') {
      notify(t('menu.maxQuantity', { max: MAX_LINE_QUANTITY }), 'orange');
    } else if (compact) {
      // On a phone the cart is out of sight; on the tablet the cart panel beside the menu shows it.
      notify(t('menu.added', { name: menu.name, count: quantity }), 'green', 1_200);
    }
    setDetail(null);
  };

  const confirm = () => {
    if (review.lines.length === 0 || review.unavailable.length > 0) return;
    if (
      orderOutbox.submit(
        table.id,
        review.lines.map((l) => ({ menuId: l.menuId, quantity: l.quantity })),
      )
    ) {
      setSubmitted(true);
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
  else if (!menuQuery.data || menuQuery.data.categories.every((c) => c.menus.length === 0))
    body = <EmptyState>{t('menu.empty')}</EmptyState>;
  else body = <MenuBoard menu={menuQuery.data} quantities={quantities} onOpen={setDetail} onAdd={(m) => add(m)} />;

  const panel = online ? (
    <SharedCartPanel
      onOrdered={(order) => {
        setCartOpen(false);
        queryClient.setQueryData<TableOrders>(tableOrdersQueryKey, (current) => applyOrder(current, order, 'created'));
        notify(t('sharedCart.ordered', { no: order.orderNo }), 'green', 4_000);
      }}
      onClose={compact ? () => setCartOpen(false) : undefined}
      aside={!compact}
    />
  ) : (
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
        {compact &&
          (online ? (
            <SharedCartBar onOpen={() => setCartOpen(true)} />
          ) : (
            <CartBar menus={menus} onOpen={() => setCartOpen(true)} />
          ))}
      </div>
      {compact ? (
        <Drawer
          opened={cartOpen}
          onClose={() => setCartOpen(false)}
          position="bottom"
          size="88%"
          padding={0}
          withCloseButton={false}
          radius="lg"
          styles={{
            content: { display: 'flex', flexDirection: 'column' },
            body: { flex: 1, minHeight: 0, padding: 0 },
          }}
        >
          {panel}
        </Drawer>
      ) : (
        panel
      )}
      <MenuDetailModal menu={detail} onClose={() => setDetail(null)} onAdd={add} />
      <ConfirmOrderModal
        opened={confirming}
        lines={review.lines}
        total={review.total}
        sending={submitted && outbox.phase === 'sending'}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
