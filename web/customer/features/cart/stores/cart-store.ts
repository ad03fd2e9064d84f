import type { Menu } from '@contract/menus';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '@contract/orders';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';

/** A cart line keeps the dish's name and price as seen, so it still reads well if the menu cannot load. */
export interface CartLine {
  menuId: Menu['id'];
  name: Menu['name'];
  price: Menu['price'];
  imageUrl: Menu['imageUrl'];
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
}

export type AddResult = 'added' | 'capped' | 'too-many-lines';

const saved = storedValue<Cart>('tableorder.customer.cart');

function load(): Cart {
  const cart = saved.get();
  if (!cart || !Array.isArray(cart.lines)) return { lines: [] };
  const lines = cart.lines.filter(
    (l) => typeof l?.menuId === 'string' && Number.isInteger(l.quantity) && l.quantity >= 1,
  );
  return { lines: lines.map((l) => ({ ...l, quantity: Math.min(l.quantity, MAX_LINE_QUANTITY) })) };
}

const store = createExternalStore<Cart>(load());

function commit(cart: Cart) {
  saved.set(cart.lines.length > 0 ? cart : null);
  store.set(cart);
}

const clamp = (n: number) => Math.max(1, Math.min(MAX_LINE_QUANTITY, Math.floor(n)));

/** The guest's cart, kept in localStorage so a reload (or a crashed browser) loses nothing. */
export const cart = {
  store,
  get: () => store.get(),

  add(dish: Omit<CartLine, 'quantity'>, quantity = 1): AddResult {
    const { lines } = store.get();
    const existing = lines.find((l) => l.menuId === dish.menuId);
    if (!existing && lines.length >= MAX_ORDER_LINES) return 'too-many-lines';
    const wanted = (existing?.quantity ?? 0) + quantity;
    const next = clamp(wanted);
    const line = { ...dish, quantity: next };
    commit({
      lines: existing ? lines.map((l) => (l.menuId === dish.menuId ? line : l)) : [...lines, line],
    });
    return next < wanted ? 'capped' : 'added';
  },

  setQuantity(menuId: string, quantity: number) {
    const { lines } = store.get();
    commit({ lines: lines.map((l) => (l.menuId === menuId ? { ...l, quantity: clamp(quantity) } : l)) });
  },

  remove(menuIds: string | string[]) {
    const ids = new Set(Array.isArray(menuIds) ? menuIds : [menuIds]);
    commit({ lines: store.get().lines.filter((l) => !ids.has(l.menuId)) });
  },

  clear() {
    commit({ lines: [] });
  },
};

export function useCart(): Cart {
  return useExternalStore(store);
}
