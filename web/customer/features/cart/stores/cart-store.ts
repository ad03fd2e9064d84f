import type { Menu } from '@contract/menus';
import { type ItemOption, MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '@contract/orders';
import { createExternalStore, useExternalStore } from '@shared/lib/external-store';
import { storedValue } from '@shared/lib/stored';
import { lineKey } from '@shared/menu/chooser-state';

/**
 * A cart line keeps the dish's name, options and price as seen, so it still reads well if the
 * menu cannot load. The same dish with other options or another note is another line.
 */
export interface CartLine {
  /** The line's identity: the dish id alone for a plain dish, else dish, options and note. */
  key: string;
  menuId: Menu['id'];
  name: Menu['name'];
  /** One of the dish as chosen: its price plus its options'. */
  price: Menu['price'];
  imageUrl: Menu['imageUrl'];
  quantity: number;
  optionIds: string[];
  /** The chosen options as the menu named and priced them (Korean). */
  options: ItemOption[];
  note: string | null;
}

/** What adding a dish says about it: the options and note are optional for a plain dish. */
export type NewCartLine = Omit<CartLine, 'key' | 'quantity' | 'optionIds' | 'options' | 'note'> &
  Partial<Pick<CartLine, 'optionIds' | 'options' | 'note'>>;

/** A line's key: a plain dish is keyed by its id (as before options), a chosen one by everything that makes it. */
export function cartKey(line: { menuId: string; optionIds?: readonly string[] | null; note?: string | null }): string {
  const plain = (line.optionIds ?? []).length === 0 && !line.note?.trim();
  return plain
    ? line.menuId
    : lineKey({ menuId: line.menuId, optionIds: line.optionIds ?? [], note: line.note ?? null });
}

function completeLine(line: NewCartLine & { quantity: number }): CartLine {
  const optionIds = [...(line.optionIds ?? [])];
  const note = line.note?.trim() || null;
  return {
    ...line,
    key: cartKey({ menuId: line.menuId, optionIds, note }),
    optionIds,
    options: line.options ?? [],
    note,
  };
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
  // Lines saved before options existed have neither key nor options: they are plain dishes.
  return { lines: lines.map((l) => completeLine({ ...l, quantity: Math.min(l.quantity, MAX_LINE_QUANTITY) })) };
}

const store = createExternalStore<Cart>(load());

/**
 * The table's shared cart, when the tablet is online: every change goes to it as well, and what
 * it answers (or the stream brings) replaces this cart (`mirror`). Offline there is none and the
 * cart is the tablet's own, as before.
 */
export interface CartRemote {
  add(line: Pick<CartLine, 'menuId' | 'optionIds' | 'note'>, quantity: number): void;
  setQuantity(key: string, quantity: number): void;
  remove(keys: string[]): void;
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

  /** Adds to the line of the same dish, options and note, or starts a new line. */
  add(dish: NewCartLine, quantity = 1): AddResult {
    const { lines } = store.get();
    const added = completeLine({ ...dish, quantity });
    const existing = lines.find((l) => l.key === added.key);
    if (!existing && lines.length >= MAX_ORDER_LINES) return 'too-many-lines';
    const wanted = (existing?.quantity ?? 0) + quantity;
    const next = clamp(wanted);
    const line = { ...added, quantity: next };
    commit({
      lines: existing ? lines.map((l) => (l.key === added.key ? line : l)) : [...lines, line],
    });
    remote?.add(line, next - (existing?.quantity ?? 0));
    return next < wanted ? 'capped' : 'added';
  },

  setQuantity(key: string, quantity: number) {
    const { lines } = store.get();
    commit({ lines: lines.map((l) => (l.key === key ? { ...l, quantity: clamp(quantity) } : l)) });
    remote?.setQuantity(key, clamp(quantity));
  },

  remove(keys: string | string[]) {
    const gone = new Set(Array.isArray(keys) ? keys : [keys]);
    commit({ lines: store.get().lines.filter((l) => !gone.has(l.key)) });
    remote?.remove([...gone]);
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
