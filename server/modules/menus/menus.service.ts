import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import {
  ALLERGENS,
  BADGES,
  type CreateMenuBody,
  type Menu,
  type ReorderMenusBody,
  TableMenu,
  type UpdateMenuBody,
} from '../../../contract/menus.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import { callReasons, menuCategories, menus, stores } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import { type ImageStorage, imageUrlOf, imageUrlsOf, storedKeysOf } from '../images/images.storage.js';
import type { Emit, EventLog } from '../realtime/realtime.event-log.js';
import { repriceCarts } from './menus.cart-pricing.js';
import { byDisplayOrder } from './menus.display-order.js';
import { optionGroupIdsByMenu, readOptionGroups, setMenuOptionGroups } from './menus.option-links.js';
import type { MenuVersions } from './menus.versions.js';

type MenuRow = typeof menus.$inferSelect;

/** The contract's Menu; `optionGroupIds` are the dish's groups in order (menu_option_groups). */
export function toMenu(row: MenuRow, optionGroupIds: string[] = []): Menu {
  return {
    id: row.id,
    categoryId: row.categoryId,
    name: row.name,
    price: row.price,
    description: row.description,
    imageUrl: row.imageKey ? imageUrlOf(row.imageKey) : null,
    imageUrls: row.imageKey ? imageUrlsOf(row.imageKey) : null,
    isAvailable: row.isAvailable,
    sortOrder: row.sortOrder,
    optionGroupIds,
    translations: row.translations,
    allergens: row.allergens as Menu['allergens'],
    badges: row.badges as Menu['badges'],
  };
}

export { byDisplayOrder };

/**
 * Records a menu change: bumps the store's menu version (the table menu's ETag) and emits
 * `menu.updated` so tablets refetch, and reprices the store's shared carts (their versions move, so
 * a checkout that looked before the change is refused). Call it last in the transaction: updating the stores row
 * takes its lock, which by the project's lock order comes after every other row.
 */
export async function menuChanged(tx: Tx, storeId: string, emit: Emit): Promise<void> {
  // Carts first: the lock order puts the store row last.
  await repriceCarts(tx, storeId, emit);
  await tx
    .update(stores)
    .set({ menuVersion: sql`${stores.menuVersion} + 1` })
    .where(eq(stores.id, storeId));
  emit({ type: 'menu.updated', data: {} });
}

/** Codes once each, in the order of the fixed list (the labelling order staff and guests know). */
const canonical = <T extends string>(list: readonly T[], codes: readonly T[]): T[] =>
  list.filter((code) => codes.includes(code));

/** 400 naming the field: an unknown category and another store's look the same. */
export const unknownCategory = (path: string) =>
  validationFailed(`${path.split('.').pop()}: no such category in this store`, {
    fields: [{ path, message: 'no such category in this store' }],
  });

/**
 * Locks a live category of the store (FOR UPDATE) or returns undefined. Every write that adds
 * dishes to a category, reorders or deletes it takes this lock first, so a dish can't land in
 * a category being deleted and a reorder sees a stable set of dishes.
 */
export async function lockCategory(tx: Tx, storeId: string, categoryId: string) {
  const [row] = await tx
    .select({ id: menuCategories.id })
    .from(menuCategories)
    .where(
      and(eq(menuCategories.id, categoryId), eq(menuCategories.storeId, storeId), isNull(menuCategories.deletedAt)),
    )
    .for('update');
  return row;
}

const liveMenu = (storeId: string, id: string) =>
  and(eq(menus.id, id), eq(menus.storeId, storeId), isNull(menus.deletedAt));

async function nextSortOrder(tx: Queryable, categoryId: string): Promise<number> {
  const [row] = await tx
    .select({ top: max(menus.sortOrder) })
    .from(menus)
    .where(and(eq(menus.categoryId, categoryId), isNull(menus.deletedAt)));
  return row?.top == null ? 0 : row.top + 1;
}

export interface MenusServiceDeps {
  db: Db;
  events: EventLog;
  clock: Clock;
  storage: ImageStorage;
  versions: MenuVersions;
  /** Where a failed clean-up of an orphaned picture is reported; the request itself succeeded. */
  onCleanupError?: (err: unknown, key: string) => void;
}

export function createMenusService(deps: MenusServiceDeps) {
  const { db, events, clock, storage } = deps;

  /**
   * The table menu of each store as last read, under the menu version read before reading it.
   * Every change tablets can see bumps the version in its own transaction, so a menu read after
   * seeing version v is at least as new as v: it may serve every later request that sees v.
   */
  const tableMenus = new Map<string, { version: number; json: string }>();

  async function readTableMenu(storeId: string): Promise<TableMenu> {
    const categoryRows = await db
      .select({
        id: menuCategories.id,
        name: menuCategories.name,
        sortOrder: menuCategories.sortOrder,
        translations: menuCategories.translations,
        stationId: menuCategories.stationId,
      })
      .from(menuCategories)
      .where(and(eq(menuCategories.storeId, storeId), isNull(menuCategories.deletedAt)));
    const menuRows = await db
      .select()
      .from(menus)
      .where(and(eq(menus.storeId, storeId), isNull(menus.deletedAt)));
    const reasonRows = await db
      .select()
      .from(callReasons)
      .where(eq(callReasons.storeId, storeId))
      .orderBy(asc(callReasons.sortOrder), asc(callReasons.label), asc(callReasons.id));
    const [groups, groupIds] = await Promise.all([readOptionGroups(db, storeId), optionGroupIdsByMenu(db, storeId)]);
    menuRows.sort(byDisplayOrder);
    categoryRows.sort(byDisplayOrder);
    const withGroups = (m: (typeof menuRows)[number]) => {
      const ids = groupIds.get(m.id) ?? [];
      return {
        ...toMenu(m, ids),
        optionGroups: ids.flatMap((id) => {
          const group = groups.get(id);
          return group ? [group] : [];
        }),
      };
    };
    return {
      categories: categoryRows
        .map((category) => ({
          ...category,
          menus: menuRows.filter((m) => m.categoryId === category.id).map(withGroups),
        }))
        .filter((category) => category.menus.length > 0),
      callReasons: reasonRows.map(({ id, label, sortOrder, translations }) => ({ id, label, sortOrder, translations })),
    };
  }

  async function removePicture(key: string | null): Promise<void> {
    if (!key) return;
    for (const stored of storedKeysOf(key)) {
      await storage.delete(stored).catch((err) => deps.onCleanupError?.(err, stored));
    }
  }

  return {
    /** A live dish of the store, or 404. */
    async get(storeId: string, id: string): Promise<Menu> {
      const [row] = await db.select().from(menus).where(liveMenu(storeId, id));
      if (!row) throw notFound('menu');
      const groupIds = await optionGroupIdsByMenu(db, storeId, [row.id]);
      return toMenu(row, groupIds.get(row.id));
    },

    /** The store's live dishes in display order (category order first), optionally of one category. */
    async list(storeId: string, filter: { categoryId?: string | undefined } = {}): Promise<Menu[]> {
      if (filter.categoryId) {
        const [category] = await db
          .select({ id: menuCategories.id })
          .from(menuCategories)
          .where(
            and(
              eq(menuCategories.id, filter.categoryId),
              eq(menuCategories.storeId, storeId),
              isNull(menuCategories.deletedAt),
            ),
          );
        if (!category) throw unknownCategory('querystring.categoryId');
      }
      const rows = await db
        .select({
          menu: menus,
          category: { id: menuCategories.id, name: menuCategories.name, sortOrder: menuCategories.sortOrder },
        })
        .from(menus)
        .innerJoin(menuCategories, eq(menuCategories.id, menus.categoryId))
        .where(
          and(
            eq(menus.storeId, storeId),
            isNull(menus.deletedAt),
            filter.categoryId ? eq(menus.categoryId, filter.categoryId) : undefined,
          ),
        );
      rows.sort((a, b) => byDisplayOrder(a.category, b.category) || byDisplayOrder(a.menu, b.menu));
      const groupIds = await optionGroupIdsByMenu(db, storeId);
      return rows.map((r) => toMenu(r.menu, groupIds.get(r.menu.id)));
    },

    async create(storeId: string, body: CreateMenuBody): Promise<Menu> {
      return events.transaction(storeId, async (tx, emit) => {
        if (!(await lockCategory(tx, storeId, body.categoryId))) throw unknownCategory('body.categoryId');
        const now = clock.now();
        const [row] = await tx
          .insert(menus)
          .values({
            storeId,
            categoryId: body.categoryId,
            name: body.name,
            price: body.price,
            description: body.description ?? '',
            isAvailable: body.isAvailable ?? true,
            sortOrder: body.sortOrder ?? (await nextSortOrder(tx, body.categoryId)),
            translations: body.translations ?? {},
            allergens: canonical(ALLERGENS, body.allergens ?? []),
            badges: canonical(BADGES, body.badges ?? []),
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error('menu insert returned nothing');
        const groupIds = body.optionGroupIds ?? [];
        await setMenuOptionGroups(tx, storeId, row.id, groupIds);
        await menuChanged(tx, storeId, emit);
        return toMenu(
          row,
          groupIds.map((id) => id.toLowerCase()),
        );
      });
    },

    async update(storeId: string, id: string, body: UpdateMenuBody): Promise<Menu> {
      return events.transaction(storeId, async (tx, emit) => {
        const [current] = await tx.select().from(menus).where(liveMenu(storeId, id));
        if (!current) throw notFound('menu');
        const moving = body.categoryId !== undefined && body.categoryId !== current.categoryId;
        if (moving && body.categoryId && !(await lockCategory(tx, storeId, body.categoryId))) {
          throw unknownCategory('body.categoryId');
        }
        const [row] = await tx
          .update(menus)
          .set({
            ...(body.categoryId !== undefined ? { categoryId: body.categoryId } : {}),
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.price !== undefined ? { price: body.price } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.isAvailable !== undefined ? { isAvailable: body.isAvailable } : {}),
            ...(body.translations !== undefined ? { translations: body.translations } : {}),
            ...(body.allergens !== undefined ? { allergens: canonical(ALLERGENS, body.allergens) } : {}),
            ...(body.badges !== undefined ? { badges: canonical(BADGES, body.badges) } : {}),
            // A dish moved without an explicit position goes to the end of its new category.
            ...(body.sortOrder !== undefined
              ? { sortOrder: body.sortOrder }
              : moving && body.categoryId
                ? { sortOrder: await nextSortOrder(tx, body.categoryId) }
                : {}),
            updatedAt: clock.now(),
          })
          .where(liveMenu(storeId, id))
          .returning();
        if (!row) throw notFound('menu');
        if (body.optionGroupIds !== undefined) await setMenuOptionGroups(tx, storeId, row.id, body.optionGroupIds);
        await menuChanged(tx, storeId, emit);
        const groupIds = await optionGroupIdsByMenu(tx, storeId, [row.id]);
        return toMenu(row, groupIds.get(row.id));
      });
    },

    /**
     * Soft delete: the row stays for the record (order items and history carry their own
     * snapshots), the dish leaves every menu. Its picture is removed: nothing shows it any more.
     */
    async remove(storeId: string, id: string): Promise<void> {
      const imageKey = await events.transaction(storeId, async (tx, emit) => {
        const [row] = await tx
          .select({ imageKey: menus.imageKey })
          .from(menus)
          .where(liveMenu(storeId, id))
          .for('update');
        if (!row) throw notFound('menu');
        const now = clock.now();
        await tx.update(menus).set({ deletedAt: now, updatedAt: now, imageKey: null }).where(eq(menus.id, id));
        await menuChanged(tx, storeId, emit);
        return row.imageKey;
      });
      await removePicture(imageKey);
    },

    /** Sets the display order of a category's dishes; `menuIds` must be exactly its live dishes, each once. */
    async reorder(storeId: string, body: ReorderMenusBody): Promise<void> {
      await events.transaction(storeId, async (tx, emit) => {
        if (!(await lockCategory(tx, storeId, body.categoryId))) throw unknownCategory('body.categoryId');
        const current = await tx
          .select({ id: menus.id })
          .from(menus)
          .where(and(eq(menus.categoryId, body.categoryId), eq(menus.storeId, storeId), isNull(menus.deletedAt)));
        const expected = new Set(current.map((r) => r.id));
        const seen = new Set<string>();
        const duplicates = body.menuIds.filter((menuId) => seen.has(menuId) || !seen.add(menuId));
        const unexpected = [...seen].filter((menuId) => !expected.has(menuId));
        const missing = [...expected].filter((menuId) => !seen.has(menuId));
        if (duplicates.length > 0 || unexpected.length > 0 || missing.length > 0) {
          throw validationFailed("menuIds must list each of the category's dishes exactly once", {
            fields: [{ path: 'body.menuIds', message: "must list each of the category's dishes exactly once" }],
            duplicates: [...new Set(duplicates)],
            unexpected,
            missing,
          });
        }
        const now = clock.now();
        for (const [index, menuId] of body.menuIds.entries()) {
          await tx.update(menus).set({ sortOrder: index, updatedAt: now }).where(eq(menus.id, menuId));
        }
        await menuChanged(tx, storeId, emit);
      });
    },

    /** The store's menu version, the basis of the table menu's ETag (kept in memory). */
    async version(storeId: string): Promise<number> {
      return (await deps.versions.get(storeId)) ?? 0;
    },

    /**
     * What tablets show: categories with at least one live dish, sold-out dishes included (marked
     * by `isAvailable: false`), both in display order. An empty category would only be an empty tab.
     * `version` is the store's menu version read before the call; the menu built for it is kept,
     * already serialized, and served to later calls with the same version without reading it again.
     */
    async tableMenuJson(storeId: string, version: number): Promise<string> {
      const cached = tableMenus.get(storeId);
      if (cached?.version === version) return cached.json;
      const json = JSON.stringify(TableMenu.parse(await readTableMenu(storeId)));
      if (!cached || cached.version < version) tableMenus.set(storeId, { version, json });
      return json;
    },
  };
}

export type MenusService = ReturnType<typeof createMenusService>;
