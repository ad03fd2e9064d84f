import { ActionIcon, Alert, Button, Group, Loader, Popover, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Menu, TableMenuItem } from '@contract/menus';
import { MAX_LINE_QUANTITY } from '@contract/orders';
import { DishImage } from '@customer/components/dish-image';
import { CartIcon, CloseIcon } from '@customer/components/icons';
import { QuantityStepper } from '@customer/components/quantity-stepper';
import { useMoney } from '@customer/lib/money';
import { localizedName } from '@shared/menu/localized';
import { cart, useCart } from '../stores/cart-store';
import { reviewCart } from '../utils/review-cart';
import classes from './cart.module.css';

export function CartPanel({
  menus,
  sending,
  onOrder,
  onClose,
  className,
}: {
  menus: Map<string, Menu | TableMenuItem> | null;
  /** An order is on its way: the cart is what is being sent and cannot change. */
  sending: boolean;
  onOrder: () => void;
  /** In the phone's drawer: a way to close it. */
  onClose?: () => void;
  className?: string;
}) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const current = useCart();
  const [confirmClear, setConfirmClear] = useState(false);
  const { lines, total, count, unavailable } = reviewCart(current.lines, menus);

  return (
    <section
      className={className ? `${classes.panel} ${className}` : classes.panel}
      aria-label={t('cart.title')}
      data-testid="cart-panel"
    >
      <div className={classes.head}>
        <Group gap={8}>
          <Title order={2} fz={22}>
            {t('cart.title')}
          </Title>
          {lines.length > 0 && (
            <Text fz="lg" fw={700} c="orange.8" data-testid="cart-count">
              {t('cart.count', { count })}
            </Text>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          {lines.length > 0 && (
            <Popover opened={confirmClear} onChange={setConfirmClear} position="bottom-end" withArrow shadow="md">
              <Popover.Target>
                <Button
                  variant="subtle"
                  color="gray"
                  size="lg"
                  disabled={sending}
                  onClick={() => setConfirmClear((o) => !o)}
                >
                  {t('cart.clear')}
                </Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap="sm">
                  <Text fw={600}>{t('cart.clearConfirm')}</Text>
                  <Group gap="xs" justify="flex-end">
                    <Button variant="default" size="lg" onClick={() => setConfirmClear(false)}>
                      {t('common:actions.cancel')}
                    </Button>
                    <Button
                      color="red"
                      size="lg"
                      onClick={() => {
                        cart.clear();
                        setConfirmClear(false);
                      }}
                      data-testid="cart-clear-confirm"
                    >
                      {t('cart.clear')}
                    </Button>
                  </Group>
                </Stack>
              </Popover.Dropdown>
            </Popover>
          )}
          {onClose && (
            <ActionIcon
              size={44}
              variant="subtle"
              color="gray"
              aria-label={t('common:actions.close')}
              onClick={onClose}
            >
              <CloseIcon size={22} />
            </ActionIcon>
          )}
        </Group>
      </div>

      {lines.length === 0 ? (
        <div className={classes.empty} data-testid="cart-empty">
          <CartIcon size={48} strokeWidth={1.5} />
          <Text fz="lg" fw={700} c="gray.6">
            {t('cart.empty')}
          </Text>
          <Text fz="sm">{t('cart.emptyHint')}</Text>
        </div>
      ) : (
        <ul className={classes.lines} style={{ listStyle: 'none', margin: 0 }}>
          {lines.map((line) => {
            const menu = menus?.get(line.menuId);
            const name = menu ? localizedName(menu, i18n.language) : line.name;
            return (
              <li
                key={line.key}
                className={classes.line}
                data-testid="cart-line"
                data-menu-id={line.menuId}
                data-problem={line.problem ?? undefined}
              >
                <div className={classes.linePhoto}>
                  <DishImage src={line.imageUrl} alt={name} soldOut={line.problem !== null} compact />
                </div>
                <div className={classes.lineName}>
                  <span className={classes.lineNameText}>{name}</span>
                  {line.options.length > 0 && (
                    <Text fz="sm" c="dimmed" data-testid="cart-line-options">
                      {line.options.map((option) => localizedName(option, i18n.language)).join(' · ')}
                    </Text>
                  )}
                  {line.note && (
                    <Text fz="sm" c="orange.9" data-testid="cart-line-note">
                      “{line.note}”
                    </Text>
                  )}
                  {line.problem && (
                    <Text fz="sm" fw={700} c="red.7" data-testid="cart-line-problem">
                      {t(line.problem === 'sold-out' ? 'cart.soldOut' : 'cart.gone')}
                    </Text>
                  )}
                </div>
                <ActionIcon
                  className={classes.lineRemove}
                  size={44}
                  variant="subtle"
                  color="gray"
                  disabled={sending}
                  aria-label={`${name} ${t('cart.remove')}`}
                  onClick={() => cart.remove(line.key)}
                >
                  <CloseIcon size={20} />
                </ActionIcon>
                <div className={classes.lineControls}>
                  <QuantityStepper
                    value={line.quantity}
                    max={MAX_LINE_QUANTITY}
                    disabled={sending || line.problem !== null}
                    onChange={(q) => cart.setQuantity(line.key, q)}
                    label={`${name} ${t('menu.quantity')}`}
                  />
                  <span className={classes.lineSubtotal}>{money(line.price * line.quantity)}</span>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <div className={classes.foot}>
        {unavailable.length > 0 && !sending && (
          <Alert color="red" variant="light" p="sm" data-testid="cart-unavailable">
            <Stack gap={8}>
              <Text fz="sm" fw={600}>
                {t('cart.unavailableNotice')}
              </Text>
              <Button
                size="md"
                color="red"
                variant="outline"
                onClick={() => cart.remove(unavailable.map((l) => l.key))}
              >
                {t('cart.removeUnavailable')}
              </Button>
            </Stack>
          </Alert>
        )}
        <div className={classes.total}>
          <Text fz="lg" fw={700}>
            {t('cart.total')}
          </Text>
          <span className={classes.totalAmount} data-testid="cart-total">
            {money(total)}
          </span>
        </div>
        <Button
          size="xl"
          h={64}
          fz={22}
          fullWidth
          disabled={lines.length === 0 || unavailable.length > 0 || sending}
          leftSection={sending ? <Loader size="sm" color="gray" /> : null}
          onClick={onOrder}
          data-testid="cart-order"
        >
          {sending ? t('order.pendingTitle') : count > 0 ? t('cart.orderCount', { count }) : t('cart.order')}
        </Button>
      </div>
    </section>
  );
}

/** The phone's bottom bar: what is in the cart, and a way into it. */
export function CartBar({ menus, onOpen }: { menus: Map<string, Menu | TableMenuItem> | null; onOpen: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const current = useCart();
  const { total, count } = reviewCart(current.lines, menus);
  return (
    <div className={classes.bar} data-testid="cart-bar">
      <Group gap={8} wrap="nowrap">
        <CartIcon size={26} />
        <Text fw={700}>{t('cart.count', { count })}</Text>
        <Text fw={800} fz="lg" c="orange.8">
          {money(total)}
        </Text>
      </Group>
      <Button size="lg" onClick={onOpen} disabled={current.lines.length === 0} data-testid="cart-open">
        {t('cart.open')}
      </Button>
    </div>
  );
}
