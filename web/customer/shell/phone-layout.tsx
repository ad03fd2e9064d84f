import { Badge, Button, Group, Skeleton, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Allergen, TableMenuItem } from '@contract/menus';
import type { TableOrders } from '@contract/orders';
import { type ChooserResult, OptionChooser } from '@shared/menu/option-chooser';
import { ConnectionIndicator } from '@shared/ui/connection-indicator';
import { EmptyState, ErrorState } from '@shared/ui/query-state';
import { EasyModeToggle } from '../components/easy-mode-toggle';
import { LanguageSwitch } from '../components/language-switch';
import { BillView } from '../features/guest/components/bill-view';
import { CallStaffButton } from '../features/guest/components/call-staff-button';
import { useMenu } from '../features/menu/api/get-menu';
import { EasyMenuList } from '../features/menu/components/easy-menu-list';
import { MenuBoard } from '../features/menu/components/menu-board';
import { MenuDetailModal } from '../features/menu/components/menu-detail-modal';
import { needsChoice, viewMenu } from '../features/menu/utils/view-menu';
import { applyOrder, tableOrdersQueryKey, useTableOrders } from '../features/my-orders/api/get-table-orders';
import { MyOrders } from '../features/my-orders/components/my-orders';
import { OrderStatusAnnouncer } from '../features/my-orders/components/order-status-announcer';
import { useChangeSharedCart } from '../features/shared-cart/api/change-cart';
import { cartCount, useSharedCart } from '../features/shared-cart/api/get-cart';
import { SharedCartPanel } from '../features/shared-cart/components/shared-cart-panel';
import { useEasyMode } from '../lib/easy-mode';
import type { GuestSession } from '../lib/guest-session';
import { useGuide } from '../lib/guide';
import { notify } from '../lib/notify';
import { useStoreText } from '../lib/store-text';
import classes from './phone.module.css';
import { useGuestStream } from './use-guest-stream';

type Tab = 'menu' | 'cart' | 'orders' | 'bill';

/**
 * A guest's phone at the table (`/q`): the menu, the table's shared cart (live, with who added
 * what), the visit's orders, the bill, and the staff call — phone-first, one thumb.
 */
export function PhoneLayout({ session }: { session: GuestSession }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const stream = useGuestStream(session);
  const menu = useMenu();
  const orders = useTableOrders();
  const cart = useSharedCart();
  const change = useChangeSharedCart();
  const [tab, setTab] = useState<Tab>('menu');
  const [detail, setDetail] = useState<TableMenuItem | null>(null);
  const [choosing, setChoosing] = useState<TableMenuItem | null>(null);
  const [avoid, setAvoid] = useState<Allergen[]>([]);
  const view = useMemo(
    () => (menu.data ? viewMenu(menu.data, i18n.language, avoid) : null),
    [menu.data, i18n.language, avoid],
  );
  // The chooser follows the live menu: an option sold out meanwhile shows disabled at once.
  const chooserDish = choosing
    ? (menu.data?.categories.flatMap((c) => c.menus).find((m) => m.id === choosing.id) ?? choosing)
    : null;
  const count = cartCount(cart.data);
  const easy = useEasyMode();
  const guide = useGuide();
  const storeText = useStoreText();

  const quantities = useMemo(() => {
    const map = new Map<string, number>();
    for (const line of cart.data?.items ?? []) map.set(line.menuId, (map.get(line.menuId) ?? 0) + line.quantity);
    return map;
  }, [cart.data]);

  const add = (dish: TableMenuItem, quantity = 1, choice?: ChooserResult) => {
    if (!dish.isAvailable) {
      notify(t('menu.soldOutNotice'), 'gray');
      return;
    }
    if (!choice && needsChoice(dish)) {
      setDetail(null);
      setChoosing(dish);
      return;
    }
    setChoosing(null);
    change.add.mutate(
      {
        menuId: dish.id,
        quantity,
        ...(choice && choice.optionIds.length > 0 ? { optionIds: choice.optionIds } : {}),
        ...(choice?.note ? { note: choice.note } : {}),
      },
      {
        onSuccess: (next) => {
          notify(t('sharedCart.added', { name: storeText(dish).name, count: quantity }), 'green', 1_200);
          guide.say(
            t('easy.sayAdded', {
              name: storeText(dish).name,
              count: quantity,
              total: guide.won(next?.totalAmount ?? 0),
            }),
          );
        },
        onError: () => notify(t('sharedCart.addFailed'), 'red'),
      },
    );
    setDetail(null);
  };

  let menuBody: React.ReactNode;
  if (menu.isPending) menuBody = <Skeleton height={240} m="md" radius="lg" />;
  else if (menu.isError && !menu.data) menuBody = <ErrorState error={menu.error} onRetry={() => void menu.refetch()} />;
  else if (!menu.data || !view || menu.data.categories.every((c) => c.menus.length === 0))
    menuBody = <EmptyState>{t('menu.empty')}</EmptyState>;
  else if (easy.on)
    menuBody = (
      <EasyMenuList
        menu={view.menu}
        quantities={quantities}
        onOpen={(m) => (m.optionGroups.length > 0 ? setChoosing(m) : setDetail(m))}
      />
    );
  else
    menuBody = (
      <MenuBoard
        menu={view.menu}
        quantities={quantities}
        onOpen={(m) => (m.optionGroups.length > 0 ? setChoosing(m) : setDetail(m))}
        onAdd={(m) => add(m)}
        avoid={avoid}
        hidden={view.hidden}
        onAvoidChange={setAvoid}
      />
    );

  return (
    <div className={classes.phone} data-testid="guest-app">
      <header className={classes.header}>
        <div className={classes.headerRow}>
          <span className={classes.storeName} data-testid="store-name">
            {session.table.storeName}
          </span>
          <Group gap={6} wrap="nowrap">
            <EasyModeToggle compact />
            <LanguageSwitch />
          </Group>
        </div>
        <div className={classes.headerRow}>
          <Group gap={6} wrap="nowrap">
            <Badge color="dark" size="lg" data-testid="table-number" style={{ flexShrink: 0 }}>
              {t('tableLabel', { number: session.table.number })}
            </Badge>
            <Badge color="orange" variant="light" size="lg" data-testid="guest-label" style={{ flexShrink: 0 }}>
              {t('guest.you', { label: session.label })}
            </Badge>
          </Group>
          <ConnectionIndicator state={stream} />
        </div>
      </header>
      <Tabs value={tab} onChange={(value) => setTab((value as Tab) ?? 'menu')} className={classes.tabs} color="orange">
        <Tabs.List grow>
          <Tabs.Tab value="menu" fz="md" fw={700}>
            {t('guest.tabs.menu')}
          </Tabs.Tab>
          <Tabs.Tab
            value="cart"
            fz="md"
            fw={700}
            data-testid="guest-tab-cart"
            rightSection={
              count > 0 ? (
                <Badge size="sm" color="orange" circle data-testid="guest-cart-count">
                  {count}
                </Badge>
              ) : null
            }
          >
            {t('guest.tabs.cart')}
          </Tabs.Tab>
          <Tabs.Tab value="orders" fz="md" fw={700} data-testid="guest-tab-orders">
            {t('guest.tabs.orders')}
          </Tabs.Tab>
          <Tabs.Tab value="bill" fz="md" fw={700} data-testid="guest-tab-bill">
            {t('guest.tabs.bill')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <main className={classes.main}>
        {tab === 'menu' && menuBody}
        {tab === 'cart' && (
          <SharedCartPanel
            onOrdered={(order) => {
              queryClient.setQueryData<TableOrders>(tableOrdersQueryKey, (current) =>
                applyOrder(current, order, 'created'),
              );
              notify(t('guest.orderedToast', { no: order.orderNo }), 'green', 4_000);
              setTab('orders');
            }}
          />
        )}
        {tab === 'orders' && (
          // Focusable so a keyboard can scroll a long list of orders.
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
          <section className={classes.scroll} tabIndex={0} aria-label={t('guest.tabs.orders')}>
            {orders.data ? (
              <MyOrders data={orders.data} />
            ) : orders.isError ? (
              <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
            ) : (
              <Skeleton height={160} radius="lg" />
            )}
          </section>
        )}
        {tab === 'bill' && <BillView ordersTotal={orders.data?.totalAmount ?? 0} />}
      </main>
      <footer className={classes.foot}>
        <CallStaffButton reasons={menu.data?.callReasons ?? []} />
        {tab !== 'cart' && (
          <Button size="lg" onClick={() => setTab('cart')} data-testid="guest-open-cart">
            <Text span fw={800}>
              {t('guest.tabs.cart')} {count > 0 ? `· ${count}` : ''}
            </Text>
          </Button>
        )}
      </footer>
      <OrderStatusAnnouncer />
      <MenuDetailModal menu={detail} onClose={() => setDetail(null)} onAdd={(m, quantity) => add(m, quantity)} />
      <OptionChooser
        dish={chooserDish}
        language={i18n.language}
        onClose={() => setChoosing(null)}
        onAdd={(choice) => chooserDish && add(chooserDish, choice.quantity, choice)}
      />
    </div>
  );
}
