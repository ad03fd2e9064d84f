import { and, asc, eq, inArray } from 'drizzle-orm';
import type { OptionGroup } from '../../../contract/menus.js';
import type { Queryable, Tx } from '../../db/client.js';
import { menuOptionGroups, menus, optionGroups, options } from '../../db/schema/index.js';
import { validationFailed } from '../../lib/errors.js';
import { byDisplayOrder } from './menus.display-order.js';

type GroupRow = typeof optionGroups.$inferSelect;
type OptionRow = typeof options.$inferSelect;

const byOptionOrder = (a: OptionRow, b: OptionRow) =>
  a.sortOrder - b.sortOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function toOptionGroup(row: GroupRow, optionRows: OptionRow[]): OptionGroup {
  return {
    id: row.id,
    name: row.name,
    minSelect: row.minSelect,
    maxSelect: row.maxSelect,
    sortOrder: row.sortOrder,
    translations: row.translations,
    options: optionRows
      .filter((o) => o.groupId === row.id)
      .sort(byOptionOrder)
      .map((o) => ({
        id: o.id,
        name: o.name,
        price: o.price,
        isAvailable: o.isAvailable,
        sortOrder: o.sortOrder,
        translations: o.translations,
      })),
  };
}

/** The store's option groups with their options, by id (sold-out options included). */
export async function readOptionGroups(q: Queryable, storeId: string): Promise<Map<string, OptionGroup>> {
  const [groupRows, optionRows] = await Promise.all([
    q.select().from(optionGroups).where(eq(optionGroups.storeId, storeId)),
    q.select().from(options).where(eq(options.storeId, storeId)),
  ]);
  groupRows.sort(byDisplayOrder);
  return new Map(groupRows.map((row) => [row.id, toOptionGroup(row, optionRows)]));
}

/** Each dish's option groups in its order, for the given dishes (all of the store's when omitted). */
export async function optionGroupIdsByMenu(
  q: Queryable,
  storeId: string,
  menuIds?: string[],
): Promise<Map<string, string[]>> {
  if (menuIds && menuIds.length === 0) return new Map();
  const rows = await q
    .select({ menuId: menuOptionGroups.menuId, groupId: menuOptionGroups.groupId })
    .from(menuOptionGroups)
    .innerJoin(menus, eq(menus.id, menuOptionGroups.menuId))
    .where(and(eq(menus.storeId, storeId), menuIds ? inArray(menuOptionGroups.menuId, menuIds) : undefined))
    .orderBy(asc(menuOptionGroups.sortOrder));
  const result = new Map<string, string[]>();
  for (const row of rows) {
    const list = result.get(row.menuId) ?? [];
    list.push(row.groupId);
    result.set(row.menuId, list);
  }
  return result;
}

/**
 * Sets the groups a dish offers, in order. Every id must be one of the store's groups (else 400
 * naming the field: another store's group looks like no group at all); the groups are held FOR
 * SHARE until the commit, so a group being deleted cannot end up on a dish.
 */
export async function setMenuOptionGroups(tx: Tx, storeId: string, menuId: string, groupIds: string[]): Promise<void> {
  const ids = groupIds.map((id) => id.toLowerCase());
  if (ids.length > 0) {
    const found = await tx
      .select({ id: optionGroups.id })
      .from(optionGroups)
      .where(and(eq(optionGroups.storeId, storeId), inArray(optionGroups.id, ids)))
      .orderBy(asc(optionGroups.id))
      .for('share');
    const known = new Set(found.map((row) => row.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw validationFailed('optionGroupIds: no such option group in this store', {
        fields: [{ path: 'body.optionGroupIds', message: 'no such option group in this store' }],
        unknown,
      });
    }
  }
  await tx.delete(menuOptionGroups).where(eq(menuOptionGroups.menuId, menuId));
  if (ids.length > 0) {
    await tx.insert(menuOptionGroups).values(ids.map((groupId, sortOrder) => ({ menuId, groupId, sortOrder })));
  }
}
