import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Cart } from '@contract/guests';
import type { Menu } from '@contract/menus';
import { type CartLine, cart, cartKey } from '../features/cart/stores/cart-store';
import { menusById, useMenu } from '../features/menu/api/get-menu';
import { orderOutbox, useOrderOutbox } from '../features/order/stores/order-outbox';
import { addToSharedCart, clearSharedCart, setSharedCartQuantity } from '../features/shared-cart/api/change-cart';
import { getSharedCart, newerCart, sharedCartQueryKey, useSharedCart } from '../features/shared-cart/api/get-cart';

/** A hand-over of the tablet's cart is under way: the shared cart's answers wait until it is done. */
let reconciling = false;

/** A dish's picture at the size of a cart line (the card variant). */
const cardImage = (menu: Menu | undefined) => menu?.imageUrls?.card ?? menu?.imageUrl ?? null;

/**
 * The shared cart in the tablet's own shape: one line per dish, options and note, as the tablet's
 * screens show it (two phones adding the same choice make one line here).
 */
export function tabletLines(shared: Cart, menus: Map<string, Menu> | null): CartLine[] {
  const lines = new Map<string, CartLine>();
  for (const line of shared.items) {
    const key = cartKey(line);
    const existing = lines.get(key);
    if (existing) existing.quantity += line.quantity;
    else
      lines.set(key, {
        key,
        menuId: line.menuId,
        name: line.name,
        price: line.unitPrice,
        imageUrl: cardImage(menus?.get(line.menuId)),
        quantity: line.quantity,
        optionIds: line.optionIds,
        options: line.options,
        note: line.note,
      });
  }
  return [...lines.values()];
}

const addBody = (line: Pick<CartLine, 'menuId' | 'optionIds' | 'note'>, quantity: number) => ({
  menuId: line.menuId,
  quantity,
  ...(line.optionIds.length > 0 ? { optionIds: line.optionIds } : {}),
  ...(line.note ? { note: line.note } : {}),
});

/**
 * An online tablet fills the table's shared cart with the guests' phones: its cart's changes go to
 * the server, and the shared cart (answers, and the stream's `cart.updated`) becomes the tablet's
 * cart. Offline, the tablet's own cart and outbox carry on as before; what was put in meanwhile is
 * handed to the shared cart when the tablet is back (unless it was ordered already).
 */
export function useSharedCartSync(online: boolean): void {
  const queryClient = useQueryClient();
  const shared = useSharedCart(online);
  const menu = useMenu();
  const outbox = useOrderOutbox();

  useEffect(() => {
    if (!online) {
      cart.connect(null);
      return;
    }
    const keep = (next: Cart) =>
      queryClient.setQueryData<Cart>(sharedCartQueryKey, (current) => newerCart(current, next));
    const refetch = () => void queryClient.invalidateQueries({ queryKey: sharedCartQueryKey });
    const linesOf = (key: string) =>
      (queryClient.getQueryData<Cart>(sharedCartQueryKey)?.items ?? []).filter((line) => cartKey(line) === key);
    const run = (work: () => Promise<Cart | undefined>) =>
      void work().then((answer) => answer && keep(answer), refetch);

    cart.connect({
      add: (line, quantity) => {
        if (quantity > 0) run(() => addToSharedCart(addBody(line, quantity)));
      },
      setQuantity: (key, quantity) => {
        const [first, ...rest] = linesOf(key);
        if (!first) return;
        run(async () => {
          let answer = await setSharedCartQuantity(first.lineId, quantity);
          for (const line of rest) answer = await setSharedCartQuantity(line.lineId, 0);
          return answer;
        });
      },
      remove: (keys) => {
        const lines = keys.flatMap(linesOf);
        run(async () => {
          let answer: Cart | undefined;
          for (const line of lines) answer = await setSharedCartQuantity(line.lineId, 0);
          return answer;
        });
      },
      clear: () => run(clearSharedCart),
    });

    if (cart.unconfirmed() && !orderOutbox.store.get().pending) {
      // Hand over what changed here while offline (or was cut short by a reload): the shared cart
      // is set to this cart's quantities, which is the same however often it runs.
      const wanted = cart.get().lines;
      reconciling = true;
      run(async () => {
        try {
          let latest = await getSharedCart();
          if (wanted.length === 0) latest = await clearSharedCart();
          for (const line of wanted) {
            const [first, ...rest] = latest.items.filter((item) => cartKey(item) === line.key);
            const have = [first, ...rest].reduce((sum, item) => sum + (item?.quantity ?? 0), 0);
            if (!first) latest = await addToSharedCart(addBody(line, line.quantity));
            else if (have !== line.quantity) {
              latest = await setSharedCartQuantity(first.lineId, line.quantity);
              for (const item of rest) latest = await setSharedCartQuantity(item.lineId, 0);
            }
          }
          cart.mirror(tabletLines(latest, null), latest.version);
          return latest;
        } finally {
          reconciling = false;
        }
      });
    }
    return () => cart.connect(null);
  }, [online, queryClient]);

  useEffect(() => {
    const data = shared.data;
    // While an order is on its way, the cart is what is being sent: it does not change under it.
    if (!online || !data || outbox.pending || reconciling) return;
    if (cart.mirroredVersion() === data.version) return;
    cart.mirror(tabletLines(data, menu.data ? menusById(menu.data) : null), data.version);
  }, [online, shared.data, outbox.pending, menu.data]);
}
