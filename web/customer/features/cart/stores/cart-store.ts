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

/**
 * The table's shared cart, when the tablet is online: every change goes to it as well, and what
 * it answers (or the stream brings) replaces this cart (`mirror`). Offline there is none and the
 * cart is the tablet's own, as before.
 */
export interface CartRemote {
  add(menuId: string, quantity: number): void;
  setQuantity(menuId: string, quantity: number): void;
  remove(menuIds: string[]): void;
  clear(): void;
}

let remote: CartRemote | null = null;
/** The shared cart's version these lines mirror; null when they changed here since (or offline). */
let mirroredVersion: number | null = null;
/**
 * Changed here and not yet confirmed by the shared cart (offline, or a reload cut a change short):
 * kept across reloads, so the tablet hands its cart over when it is back.
 */
const unconfirmed = storedValue<true>('tableorder.customer.cart-unconfirmed');

function commit(cart: Cart) {
  saved.set(cart.lines.length > 0 ? cart : null);
  store.set(cart);
  mirroredVersion = null;
  unconfirmed.set(true);
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
    remote?.add(dish.menuId, next - (existing?.quantity ?? 0));
    return next < wanted ? 'capped' : 'added';
  },

  setQuantity(menuId: string, quantity: number) {
    const { lines } = store.get();
    commit({ lines: lines.map((l) => (l.menuId === menuId ? { ...l, quantity: clamp(quantity) } : l)) });
    remote?.setQuantity(menuId, clamp(quantity));
  },

  remove(menuIds: string | string[]) {
    const ids = new Set(Array.isArray(menuIds) ? menuIds : [menuIds]);
    commit({ lines: store.get().lines.filter((l) => !ids.has(l.menuId)) });
    remote?.remove([...ids]);
  },

  /** The guest empties the cart (the shared one too, when online). */
  clear() {
    commit({ lines: [] });
    remote?.clear();
  },

  /** Forgets this tablet's copy only: the order was placed, or the visit ended (the server emptied its cart). */
  clearLocal() {
    commit({ lines: [] });
    unconfirmed.set(null);
  },

  /** Online: changes also go to the table's shared cart. Offline (null): the cart is this tablet's own. */
  connect(next: CartRemote | null) {
    remote = next;
  },

  /** The shared cart as the server has it now (version `version`) becomes this cart. */
  mirror(lines: CartLine[], version: number) {
    const cart = { lines };
    saved.set(lines.length > 0 ? cart : null);
    store.set(cart);
    mirroredVersion = version;
    unconfirmed.set(null);
  },

  /** The shared cart's version this cart shows, or null when it shows something else. */
  mirroredVersion: () => mirroredVersion,

  /** Whether this cart changed here in a way the shared cart has not confirmed yet. */
  unconfirmed: () => unconfirmed.get() === true,
};

export function useCart(): Cart {
  return useExternalStore(store);
}
