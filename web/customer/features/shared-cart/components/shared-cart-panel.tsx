import { ActionIcon, Alert, Badge, Button, Group, Loader, Modal, Popover, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cart, CartLine } from '@contract/guests';
import type { Order } from '@contract/orders';
import { MAX_LINE_QUANTITY } from '@contract/orders';
import { CartIcon, CloseIcon } from '@customer/components/icons';
import { QuantityStepper } from '@customer/components/quantity-stepper';
import { useMoney } from '@customer/lib/money';
import { ApiError } from '@shared/api/client';
import { checkoutSharedCart, useChangeSharedCart } from '../api/change-cart';
import { cartCount, sharedCartQueryKey, useSharedCart } from '../api/get-cart';
import classes from './shared-cart.module.css';

/** A new key per confirmed order; a retry of the same confirmation reuses it. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

function WhoAdded({ line }: { line: CartLine }) {
  const { t } = useTranslation();
  const label = line.addedBy.kind === 'table' ? t('sharedCart.table') : line.addedBy.label;
  return (
    <Badge
      variant="light"
      color={line.addedBy.kind === 'table' ? 'gray' : 'orange'}
      size="md"
      aria-label={t('sharedCart.addedBy', { label })}
      data-testid="shared-cart-added-by"
    >
      {label}
    </Badge>
  );
}

/**
 * The table's one cart, shared live by its tablet and every phone at the table: who added what,
 * quantities, and ordering it all at once with the version this screen shows (409 CART_CHANGED
 * when someone changed it meanwhile: the fresh cart is shown and nothing is ordered).
 */
export function SharedCartPanel({
  onOrdered,
  onClose,
  aside = false,
}: {
  onOrdered: (order: Order) => void;
  /** In a drawer: a way to close it. */
  onClose?: () => void;
  /** Beside the menu on a tablet. */
  aside?: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const queryClient = useQueryClient();
  const query = useSharedCart();
  const change = useChangeSharedCart();
  const [confirmClear, setConfirmClear] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const pending = useRef<{ version: number; key: string } | null>(null);

  const cart: Cart | undefined = query.data;
  const lines = cart?.items ?? [];
  const count = cartCount(cart);
  const unavailable = lines.filter((line) => !line.orderable);
  const busy = sending || change.setQuantity.isPending || change.clear.isPending;

  const order = async () => {
    if (!cart) return;
    // A retry of the very same cart keeps its key: an order that did reach the server is not made twice.
    if (pending.current?.version !== cart.version) pending.current = { version: cart.version, key: newKey() };
    const { version, key } = pending.current;
    setSending(true);
    setProblem(null);
    try {
      const placed = await checkoutSharedCart({ expectedVersion: version }, key);
      pending.current = null;
      setConfirming(false);
      queryClient.setQueryData<Cart>(sharedCartQueryKey, (current) =>
        current && current.version > version + 1 ? current : { version: version + 1, items: [], totalAmount: 0 },
      );
      onOrdered(placed);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : null;
      if (code === 'CART_CHANGED' || code === 'MENU_SOLD_OUT' || code === 'OPTION_SOLD_OUT') {
        pending.current = null;
        setConfirming(false);
        setProblem(t(code === 'CART_CHANGED' ? 'sharedCart.changed' : 'sharedCart.soldOut'));
        await queryClient.invalidateQueries({ queryKey: sharedCartQueryKey });
      } else if (!(error instanceof ApiError && error.status === 401)) {
        setProblem(t('sharedCart.failed'));
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <section
      className={aside ? `${classes.panel} ${classes.aside}` : classes.panel}
      aria-label={t('sharedCart.title')}
      data-testid="shared-cart"
      data-version={cart?.version ?? ''}
    >
      <div className={classes.head}>
        <Stack gap={2}>
          <Group gap={8}>
            <Title order={2} fz={22}>
              {t('sharedCart.title')}
            </Title>
            {count > 0 && (
              <Text fz="lg" fw={700} c="orange.9" data-testid="shared-cart-count">
                {t('sharedCart.count', { count })}
              </Text>
            )}
          </Group>
          <Text fz="sm" c="dimmed">
            {t('sharedCart.hint')}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {lines.length > 0 && (
            <Popover opened={confirmClear} onChange={setConfirmClear} position="bottom-end" withArrow shadow="md">
              <Popover.Target>
                <Button
                  variant="subtle"
                  color="gray"
                  size="lg"
                  disabled={busy}
                  onClick={() => setConfirmClear((o) => !o)}
                >
                  {t('sharedCart.clear')}
                </Button>
              </Popover.Target>
              <Popover.Dropdown>
                <Stack gap="sm">
                  <Text fw={600}>{t('sharedCart.clearConfirm')}</Text>
                  <Group gap="xs" justify="flex-end">
                    <Button variant="default" size="lg" onClick={() => setConfirmClear(false)}>
                      {t('common:actions.cancel')}
                    </Button>
                    <Button
                      color="red"
                      size="lg"
                      onClick={() => {
                        change.clear.mutate();
                        setConfirmClear(false);
                      }}
                    >
                      {t('sharedCart.clear')}
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

      {query.isPending ? (
        <div className={classes.empty}>
          <Loader color="orange" />
        </div>
      ) : lines.length === 0 ? (
        <div className={classes.empty} data-testid="shared-cart-empty">
          <CartIcon size={48} strokeWidth={1.5} />
          <Text fz="lg" fw={700} c="gray.7">
            {t('sharedCart.empty')}
          </Text>
          <Text fz="sm">{t('sharedCart.emptyHint')}</Text>
        </div>
      ) : (
        <ul className={classes.lines}>
          {lines.map((line) => (
            <li
              key={line.lineId}
              className={classes.line}
              data-testid="shared-cart-line"
              data-menu-id={line.menuId}
              data-orderable={String(line.orderable)}
            >
              <div className={classes.lineName}>
                <Group gap={6} wrap="wrap">
                  <span className={classes.lineNameText}>{line.name}</span>
                  <WhoAdded line={line} />
                </Group>
                {line.options.length > 0 && (
                  <Text fz="sm" c="dimmed">
                    {line.options.map((option) => option.name).join(', ')}
                  </Text>
                )}
                {line.note && (
                  <Text fz="sm" c="dimmed">
                    “{line.note}”
                  </Text>
                )}
                {!line.orderable && (
                  <Text fz="sm" fw={700} c="red.8">
                    {t('sharedCart.notOrderable')}
                  </Text>
                )}
              </div>
              <ActionIcon
                className={classes.lineRemove}
                size={44}
                variant="subtle"
                color="gray"
                disabled={busy}
                aria-label={`${line.name} ${t('sharedCart.remove')}`}
                onClick={() => change.setQuantity.mutate({ lineId: line.lineId, quantity: 0 })}
              >
                <CloseIcon size={20} />
              </ActionIcon>
              <div className={classes.lineControls}>
                <QuantityStepper
                  value={line.quantity}
                  max={MAX_LINE_QUANTITY}
                  disabled={busy || !line.orderable}
                  onChange={(quantity) => change.setQuantity.mutate({ lineId: line.lineId, quantity })}
                  label={`${line.name} ${t('sharedCart.quantity')}`}
                />
                <span className={classes.lineSubtotal}>{money(line.subtotal)}</span>
              </div>
            </li>
          ))}
        </ul>
      )}

      <div className={classes.foot}>
        {problem && (
          <Alert color="orange" variant="light" p="sm" data-testid="shared-cart-problem" role="alert">
            {problem}
          </Alert>
        )}
        {unavailable.length > 0 && (
          <Button
            size="md"
            color="red"
            variant="outline"
            disabled={busy}
            onClick={() => {
              for (const line of unavailable) change.setQuantity.mutate({ lineId: line.lineId, quantity: 0 });
            }}
          >
            {t('sharedCart.removeUnavailable')}
          </Button>
        )}
        <div className={classes.total}>
          <Text fz="lg" fw={700}>
            {t('sharedCart.total')}
          </Text>
          <span className={classes.totalAmount} data-testid="shared-cart-total">
            {money(cart?.totalAmount ?? 0)}
          </span>
        </div>
        <Button
          size="xl"
          h={64}
          fz={22}
          fullWidth
          disabled={count === 0 || unavailable.length > 0 || busy}
          onClick={() => setConfirming(true)}
          data-testid="shared-cart-order"
        >
          {count > 0 ? t('sharedCart.orderCount', { count }) : t('sharedCart.order')}
        </Button>
      </div>

      <Modal
        opened={confirming}
        onClose={() => !sending && setConfirming(false)}
        title={
          <Text fw={800} fz="xl">
            {t('sharedCart.confirmTitle')}
          </Text>
        }
        centered
        size="md"
      >
        <Stack gap="md">
          <Text>{t('sharedCart.confirmText')}</Text>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {lines.map((line) => (
              <li key={line.lineId}>
                {line.name} × {line.quantity} — {money(line.subtotal)}
              </li>
            ))}
          </ul>
          <Group justify="space-between">
            <Text fw={700}>{t('sharedCart.total')}</Text>
            <Text fw={800} fz="xl" c="orange.9">
              {money(cart?.totalAmount ?? 0)}
            </Text>
          </Group>
          <Group grow>
            <Button variant="default" size="lg" disabled={sending} onClick={() => setConfirming(false)}>
              {t('common:actions.cancel')}
            </Button>
            <Button size="lg" onClick={() => void order()} loading={sending} data-testid="shared-cart-confirm">
              {t('sharedCart.order')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </section>
  );
}

/** The bottom bar of a narrow screen: what the shared cart holds, and a way into it. */
export function SharedCartBar({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const money = useMoney();
  const query = useSharedCart();
  const count = cartCount(query.data);
  return (
    <div className={classes.bar} data-testid="shared-cart-bar">
      <Group gap={8} wrap="nowrap">
        <CartIcon size={26} />
        <Text fw={700}>{t('sharedCart.count', { count })}</Text>
        <Text fw={800} fz="lg" c="orange.9">
          {money(query.data?.totalAmount ?? 0)}
        </Text>
      </Group>
      <Button size="lg" onClick={onOpen} disabled={count === 0}>
        {t('sharedCart.title')}
      </Button>
    </div>
  );
}
