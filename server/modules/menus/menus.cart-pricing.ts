import { and, asc, eq, exists, inArray, isNull, sql } from 'drizzle-orm';
import type { Cart, CartLine } from '../../../contract/guests.js';
import type { Queryable, Tx } from '../../db/client.js';
import { cartLines, carts, menus, stores, tableSessions } from '../../db/schema/index.js';
import type { Emit } from '../realtime/realtime.event-log.js';
import { type Catalog, readCatalog } from './menus.catalog.js';

/** A stored cart line with the dish's name as last saved (the dish may be gone from the menu since). */
export type CartLineRow = typeof cartLines.$inferSelect & { menuName: string | null };

/** The lines of a table's shared cart, in the order they were added. */
export async function readCartLines(q: Queryable, tableId: string): Promise<CartLineRow[]> {
  const rows = await q
    .select({ line: cartLines, menuName: menus.name })
    .from(cartLines)
    .leftJoin(menus, eq(menus.id, cartLines.menuId))
    .where(eq(cartLines.tableId, tableId))
    .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
  return rows.map((row) => ({ ...row.line, menuName: row.menuName }));
}

/**
 * One cart line priced from the menu as it is now. Never refuses: a dish or option that is sold
 * out or gone, or a choice the dish's groups no longer allow, makes the line `orderable: false`
 * (the guests see it and take it out) — ordering itself applies the full rules (orders.pricing.ts).
 */
export function priceCartLine(catalog: Catalog, row: CartLineRow): CartLine {
  const menu = catalog.menus.get(row.menuId);
  let orderable = menu?.isAvailable ?? false;
  const options: CartLine['options'] = [];
  let unitPrice = menu?.price ?? 0;
  if (menu) {
    const counts = new Map<string, number>();
    const chosen: Array<{ groupIndex: number; optionIndex: number; option: CartLine['options'][number] }> = [];
    for (const optionId of row.optionIds) {
      const groupIndex = menu.groups.findIndex((g) => g.options.some((o) => o.id === optionId));
      const group = menu.groups[groupIndex];
      const optionIndex = group ? group.options.findIndex((o) => o.id === optionId) : -1;
      const option = group?.options[optionIndex];
      if (!group || !option) {
        orderable = false;
        continue;
      }
      counts.set(group.id, (counts.get(group.id) ?? 0) + 1);
      if (!option.isAvailable) orderable = false;
      chosen.push({
        groupIndex,
        optionIndex,
        option: { groupName: group.name, name: option.name, price: option.price },
      });
      unitPrice += option.price;
    }
    // As the order will snapshot them: the dish's group order, then each group's option order.
    chosen.sort((a, b) => a.groupIndex - b.groupIndex || a.optionIndex - b.optionIndex);
    options.push(...chosen.map((c) => c.option));
    for (const group of menu.groups) {
      const count = counts.get(group.id) ?? 0;
      if (count < group.minSelect || count > group.maxSelect) orderable = false;
    }
  }
  return {
    lineId: row.id,
    menuId: row.menuId,
    name: menu?.name ?? row.menuName ?? '',
    quantity: row.quantity,
    optionIds: row.optionIds,
    options,
    note: row.note,
    unitPrice,
    subtotal: unitPrice * row.quantity,
    orderable,
    addedBy: { kind: row.addedByKind, label: row.addedByLabel },
  };
}

/** The whole cart priced from the menu as it is now; the total counts only lines that can be ordered. */
export function priceCart(catalog: Catalog, version: number, rows: CartLineRow[]): Cart {
  const items = rows.map((row) => priceCartLine(catalog, row));
  return {
    version,
    items,
    totalAmount: items.filter((line) => line.orderable).reduce((sum, line) => sum + line.subtotal, 0),
  };
}

/**
 * A menu change repriced every non-empty cart of the store: bumps their versions (a checkout
 * that looked before the change gets 409 CART_CHANGED) and tells each table its new cart. Runs
 * in the menu change's transaction before the store row is locked (lock order: carts before the
 * store), taking the carts in table order so two menu changes never deadlock.
 */
export async function repriceCarts(tx: Tx, storeId: string, emit: Emit): Promise<void> {
  const touched = await tx
    .update(carts)
    .set({ version: sql`${carts.version} + 1` })
    .where(
      inArray(
        carts.tableId,
        tx
          .select({ tableId: carts.tableId })
          .from(carts)
          .where(
            and(
              eq(carts.storeId, storeId),
              exists(tx.select({ one: sql`1` }).from(cartLines).where(eq(cartLines.tableId, carts.tableId))),
            ),
          )
          .orderBy(asc(carts.tableId))
          .for('update'),
      ),
    )
    .returning({ tableId: carts.tableId, version: carts.version });
  if (touched.length === 0) return;
  // The menu as this transaction will commit it (the cached catalog still has the old one).
  const [store] = await tx
    .select({ version: stores.menuVersion, name: stores.name })
    .from(stores)
    .where(eq(stores.id, storeId));
  const catalog = await readCatalog(tx, storeId, store?.version ?? 0, store?.name ?? '');
  for (const cart of touched) {
    const rows = await readCartLines(tx, cart.tableId);
    const [session] = await tx
      .select({ id: tableSessions.id })
      .from(tableSessions)
      .where(and(eq(tableSessions.tableId, cart.tableId), isNull(tableSessions.closedAt)));
    emit({
      type: 'cart.updated',
      tableId: cart.tableId,
      sessionId: session?.id ?? null,
      data: { cart: priceCart(catalog, cart.version, rows) },
    });
  }
}
