import type { Menu } from '@contract/menus';
import type { CreateOrderBody } from '@contract/orders';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id mentioned in an error's details, whatever shape the details take. */
export function idsInDetails(details: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      if (UUID.test(value)) found.add(value);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v);
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) walk(v);
    }
  };
  walk(details);
  return found;
}

/**
 * The names of the dishes a refused order stumbled on, to tell the guest which lines to take out:
 * those the error names, or else those the menu now shows sold out. A dish gone from the menu
 * keeps the name it had in the cart (`knownNames`); a dish nobody can name is left out.
 */
export function refusedDishNames(
  refused: { items: CreateOrderBody['items']; details: unknown },
  menus: Map<string, Menu>,
  knownNames: ReadonlyMap<string, string>,
): string[] {
  const mentioned = idsInDetails(refused.details);
  const ids = refused.items.map((item) => item.menuId);
  const fromError = ids.filter((id) => mentioned.has(id));
  const fromMenu = ids.filter((id) => menus.get(id)?.isAvailable === false);
  return [...new Set(fromError.length > 0 ? fromError : fromMenu)]
    .map((id) => menus.get(id)?.name ?? knownNames.get(id))
    .filter((name): name is string => Boolean(name));
}
