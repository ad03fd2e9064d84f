import type { TableLoginResponse } from '@contract/auth';
import type { Menu } from '@contract/menus';
import type { Order } from '@contract/orders';

/** Test data for the tablet's unit tests: dishes, a table, its orders. */

let next = 0;
export const newId = () => {
  next += 1;
  return `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`;
};

export function aDish(name: string, price: number, fields: Partial<Menu> = {}): Menu {
  return {
    id: newId(),
    categoryId: newId(),
    name,
    price,
    description: '',
    imageUrl: null,
    imageUrls: null,
    isAvailable: true,
    sortOrder: 0,
    optionGroupIds: [],
    translations: {},
    allergens: [],
    badges: [],
    ...fields,
  };
}

export const menusOf = (...dishes: Menu[]) => new Map(dishes.map((dish) => [dish.id, dish] as const));

/** The cart line a guest makes by adding `dish`. */
export const lineOf = (dish: Menu, quantity = 1) => ({
  key: dish.id,
  menuId: dish.id,
  name: dish.name,
  price: dish.price,
  imageUrl: dish.imageUrl,
  quantity,
  optionIds: [] as string[],
  options: [] as Array<{ groupName: string; name: string; price: number }>,
  note: null as string | null,
});

export function aTable(number = 3): TableLoginResponse['table'] {
  return { id: newId(), number, storeId: newId(), storeName: '한식당' };
}

export function anOrder(
  table: TableLoginResponse['table'],
  sessionId: string,
  fields: Partial<Order> & { orderNo: number; totalAmount: number },
): Order {
  return {
    id: newId(),
    tableId: table.id,
    tableNumber: table.number,
    sessionId,
    status: 'pending',
    createdAt: '2026-03-01T05:00:00.000Z',
    items: [],
    note: null,
    source: 'table',
    ...fields,
  };
}
