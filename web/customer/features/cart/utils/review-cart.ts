import type { Menu } from '@contract/menus';
import type { CartLine } from '../stores/cart-store';

export type LineProblem = 'sold-out' | 'gone' | null;

/**
 * What the cart looks like against the menu as the server has it now: current prices, and dishes
 * that sold out or disappeared since they were added. The count and total are those of what can
 * be ordered; the other lines stay, marked, until the guest takes them out. Without a loaded menu,
 * lines are taken as is.
 */
export function reviewCart(lines: CartLine[], menus: Map<string, Menu> | null) {
  const reviewed = lines.map((line) => {
    const menu = menus?.get(line.menuId);
    const problem: LineProblem = !menus ? null : !menu ? 'gone' : menu.isAvailable ? null : 'sold-out';
    const price = menu?.price ?? line.price;
    return {
      ...line,
      name: menu?.name ?? line.name,
      imageUrl: menu?.imageUrls?.card ?? menu?.imageUrl ?? line.imageUrl,
      price,
      problem,
    };
  });
  const orderable = reviewed.filter((l) => l.problem === null);
  const total = orderable.reduce((sum, l) => sum + l.price * l.quantity, 0);
  const count = orderable.reduce((sum, l) => sum + l.quantity, 0);
  const unavailable = reviewed.filter((l) => l.problem !== null);
  return { lines: reviewed, total, count, unavailable };
}
