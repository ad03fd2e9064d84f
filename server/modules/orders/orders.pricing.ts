import { createHash, randomUUID } from 'node:crypto';
import { MAX_LINE_QUANTITY, MAX_ORDER_AMOUNT, type OrderLine } from '../../../contract/orders.js';
import type { ItemOption } from '../../db/schema/index.js';
import { conflict, validationFailed } from '../../lib/errors.js';
import type { Catalog, CatalogMenu, CatalogOption } from '../menus/menus.catalog.js';

/** A line priced from the catalog: what the order stores and its tickets print. */
export interface PricedLine {
  id: string;
  menuId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  subtotal: number;
  options: ItemOption[];
  note: string | null;
  stationId: string | null;
}

type FieldError = { path: string; message: string };

const lineError = (index: number, field: string, message: string): FieldError => ({
  path: `body.items.${index}${field ? `.${field}` : ''}`,
  message,
});

/** A line with what the client may send, normalised: ids lower-cased, options sorted, empty notes gone. */
export function normaliseLine(line: OrderLine): OrderLine {
  const optionIds = [...new Set((line.optionIds ?? []).map((id) => id.toLowerCase()))].sort();
  const note = line.note?.trim();
  return {
    menuId: line.menuId.toLowerCase(),
    quantity: line.quantity,
    ...(optionIds.length > 0 ? { optionIds } : {}),
    ...(note ? { note } : {}),
  };
}

/**
 * The idempotency fingerprint of an order body: option ids sorted, notes trimmed, empty fields
 * left out — so a retry that differs only in those is the same order, and an order of only dishes
 * and quantities hashes as it always has.
 */
export function requestHash(kind: string, lines: OrderLine[], note: string | undefined, extra?: unknown): string {
  const items = lines.map(normaliseLine);
  const trimmed = note?.trim();
  const body: unknown[] = [items];
  if (trimmed) body.push({ note: trimmed });
  if (extra !== undefined) body.push(extra);
  if (kind !== 'order') body.unshift(kind);
  return createHash('sha256')
    .update(JSON.stringify(body.length === 1 ? items : body))
    .digest('hex');
}

/**
 * Prices an order from the catalog and checks every rule the client can break: unknown dishes,
 * options that are not the dish's, groups chosen outside min..max, an option twice (400
 * VALIDATION_FAILED naming the line); more than 99 of a dish over all lines, or a total past the
 * per-order ceiling (400); a sold-out dish (409 MENU_SOLD_OUT) or option (409 OPTION_SOLD_OUT).
 */
export function priceLines(catalog: Catalog, lines: OrderLine[]): PricedLine[] {
  const errors: FieldError[] = [];
  const soldOutMenus = new Map<string, CatalogMenu>();
  const soldOutOptions: Array<{ menu: CatalogMenu; option: CatalogOption }> = [];
  const perDish = new Map<string, { quantity: number; lines: number[] }>();
  const priced: PricedLine[] = [];

  lines.forEach((raw, index) => {
    const menu = catalog.menus.get(raw.menuId.toLowerCase());
    if (!menu) {
      errors.push(lineError(index, 'menuId', 'unknown menu'));
      return;
    }
    const tally = perDish.get(menu.id) ?? { quantity: 0, lines: [] };
    tally.quantity += raw.quantity;
    tally.lines.push(index);
    perDish.set(menu.id, tally);
    if (!menu.isAvailable) soldOutMenus.set(menu.id, menu);

    const chosen: Array<{ group: CatalogMenu['groups'][number]; option: CatalogOption }> = [];
    const seen = new Set<string>();
    for (const optionId of raw.optionIds ?? []) {
      const id = optionId.toLowerCase();
      if (seen.has(id)) {
        errors.push(lineError(index, 'optionIds', 'lists an option twice; order two of it as quantity or two lines'));
        continue;
      }
      seen.add(id);
      const found = menu.groups
        .map((group) => ({ group, option: group.options.find((option) => option.id === id) }))
        .find((candidate) => candidate.option);
      if (!found?.option) {
        errors.push(lineError(index, 'optionIds', `not an option of ${menu.name}`));
        continue;
      }
      chosen.push({ group: found.group, option: found.option });
      if (!found.option.isAvailable) soldOutOptions.push({ menu, option: found.option });
    }
    for (const group of menu.groups) {
      const count = chosen.filter((c) => c.group.id === group.id).length;
      if (count < group.minSelect || count > group.maxSelect) {
        const range =
          group.minSelect === group.maxSelect ? `${group.minSelect}` : `${group.minSelect}–${group.maxSelect}`;
        errors.push(lineError(index, 'optionIds', `${group.name}: choose ${range} (chose ${count})`));
      }
    }
    // Snapshots in the dish's group order, then the group's option order.
    chosen.sort(
      (a, b) =>
        menu.groups.indexOf(a.group) - menu.groups.indexOf(b.group) ||
        a.group.options.indexOf(a.option) - b.group.options.indexOf(b.option),
    );
    const unitPrice = menu.price + chosen.reduce((sum, c) => sum + c.option.price, 0);
    priced.push({
      id: randomUUID(),
      menuId: menu.id,
      name: menu.name,
      unitPrice,
      quantity: raw.quantity,
      subtotal: unitPrice * raw.quantity,
      options: chosen.map((c) => ({
        groupId: c.group.id,
        groupName: c.group.name,
        optionId: c.option.id,
        name: c.option.name,
        price: c.option.price,
      })),
      note: raw.note?.trim() || null,
      stationId: menu.stationId,
    });
  });

  for (const [, tally] of perDish) {
    if (tally.quantity > MAX_LINE_QUANTITY) {
      for (const index of tally.lines) {
        errors.push(lineError(index, 'quantity', `at most ${MAX_LINE_QUANTITY} of one dish per order, over all lines`));
      }
    }
  }
  if (errors.length > 0) {
    const lineNos = [...new Set(errors.map((e) => e.path.split('.')[2]))].map((n) => `items[${n}]`);
    throw validationFailed(`Invalid order lines: ${lineNos.join(', ')}`, { fields: errors });
  }
  const total = priced.reduce((sum, line) => sum + line.subtotal, 0);
  if (total > MAX_ORDER_AMOUNT) {
    throw validationFailed(`An order may come to at most ${MAX_ORDER_AMOUNT.toLocaleString('en')} won`, {
      fields: [{ path: 'body.items', message: `the total ${total} is above ${MAX_ORDER_AMOUNT}` }],
      maxAmount: MAX_ORDER_AMOUNT,
    });
  }
  if (soldOutMenus.size > 0) {
    const list = [...soldOutMenus.values()];
    throw conflict('MENU_SOLD_OUT', `Sold out: ${list.map((menu) => menu.name).join(', ')}`, {
      menus: list.map((menu) => ({ menuId: menu.id, name: menu.name })),
    });
  }
  if (soldOutOptions.length > 0) {
    throw conflict(
      'OPTION_SOLD_OUT',
      `Sold out: ${soldOutOptions.map((s) => `${s.menu.name} ${s.option.name}`).join(', ')}`,
      { options: soldOutOptions.map((s) => ({ menuId: s.menu.id, optionId: s.option.id, name: s.option.name })) },
    );
  }
  return priced;
}
