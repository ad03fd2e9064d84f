import type { Menu, TableMenuItem } from '@contract/menus';
import type { CartLine } from '../stores/cart-store';

export type LineProblem = 'sold-out' | 'gone' | null;

/** The line's options as the menu has them now; undefined when one of them is gone. */
function currentOptions(line: CartLine, menu: Menu | TableMenuItem) {
  if (line.optionIds.length === 0) return [];
  const groups = 'optionGroups' in menu ? menu.optionGroups : [];
  const found = line.optionIds.map((id) => {
    for (const group of groups) {
      const option = group.options.find((o) => o.id === id);
      if (option) return { group, option };
    }
    return undefined;
  });
  if (!found.every((f) => f !== undefined)) return undefined;
  // In the dish's group order, then each group's option order: as the order will list them.
  const rank = (f: (typeof found)[number] & object) =>
    [groups.indexOf(f.group), f.group.options.indexOf(f.option)] as const;
  return found.sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1]);
}

/**
 * What the cart looks like against the menu as the server has it now: current prices, and dishes
 * that sold out or disappeared since they were added. The count and total are those of what can
 * be ordered; the other lines stay, marked, until the guest takes them out. Without a loaded menu,
 * lines are taken as is.
 */
export function reviewCart(lines: CartLine[], menus: Map<string, Menu | TableMenuItem> | null) {
  const reviewed = lines.map((line) => {
    const menu = menus?.get(line.menuId);
    const chosen = menu ? currentOptions(line, menu) : undefined;
    let problem: LineProblem = null;
    if (menus && (!menu || !chosen)) problem = 'gone';
    else if (menu && (!menu.isAvailable || chosen?.some((c) => !c.option.isAvailable))) problem = 'sold-out';
    // Priced as the menu has it now (the server prices the order the same way).
    const price = menu && chosen ? chosen.reduce((sum, c) => sum + c.option.price, menu.price) : line.price;
    const options = chosen
      ? chosen.map((c) => ({
          groupName: c.group.name,
          name: c.option.name,
          price: c.option.price,
          translations: c.option.translations,
        }))
      : line.options;
    return {
      ...line,
      name: menu?.name ?? line.name,
      imageUrl: menu?.imageUrls?.card ?? menu?.imageUrl ?? line.imageUrl,
      price,
      options,
      problem,
    };
  });
  const orderable = reviewed.filter((l) => l.problem === null);
  const total = orderable.reduce((sum, l) => sum + l.price * l.quantity, 0);
  const count = orderable.reduce((sum, l) => sum + l.quantity, 0);
  const unavailable = reviewed.filter((l) => l.problem !== null);
  return { lines: reviewed, total, count, unavailable };
}
