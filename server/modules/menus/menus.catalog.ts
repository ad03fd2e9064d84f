import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.js';
import {
  menuCategories,
  menuOptionGroups,
  menus,
  optionGroups,
  options,
  stations,
  stores,
} from '../../db/schema/index.js';
import type { MenuVersions } from './menus.versions.js';

export interface CatalogOption {
  id: string;
  name: string;
  price: number;
  isAvailable: boolean;
}

export interface CatalogGroup {
  id: string;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: CatalogOption[];
}

export interface CatalogMenu {
  id: string;
  name: string;
  price: number;
  isAvailable: boolean;
  /** Where its lines are made: its category's station, else the store's first; null without stations. */
  stationId: string | null;
  /** The groups it offers, in order. */
  groups: CatalogGroup[];
}

/** What ordering needs of a store's menu, as of one menu version. */
export interface Catalog {
  storeId: string;
  storeName: string;
  /** stores.menu_version this catalog was read at; an order commits only while it still holds. */
  version: number;
  menus: Map<string, CatalogMenu>;
}

/**
 * The store menus ordering prices from, kept per store and menu version. Every change that can
 * alter a price or availability (dishes, options, categories, stations) bumps the store's menu
 * version in its own transaction; a catalog read after seeing version v is at least as new as v.
 */
export function createMenuCatalog(deps: { db: Db; versions: MenuVersions }) {
  const { db, versions } = deps;
  const cache = new Map<string, Catalog>();

  async function read(storeId: string, version: number): Promise<Catalog> {
    const [store] = await db.select({ name: stores.name }).from(stores).where(eq(stores.id, storeId));
    return readCatalog(db, storeId, version, store?.name ?? '');
  }

  return {
    /**
     * The store's catalog at its menu version as known in memory — no query while it is current;
     * `fresh` asks the database for the version first (an order found the one it had stale).
     */
    async load(storeId: string, options: { fresh?: boolean } = {}): Promise<Catalog | undefined> {
      const version = options.fresh ? await versions.fresh(storeId) : await versions.get(storeId);
      if (version === undefined) return undefined;
      const cached = cache.get(storeId);
      if (cached && cached.version === version) return cached;
      const fresh = await read(storeId, version);
      // Two loads racing: keep the newer.
      const now = cache.get(storeId);
      if (!now || now.version <= fresh.version) cache.set(storeId, fresh);
      return fresh;
    },
  };
}

export type MenuCatalog = ReturnType<typeof createMenuCatalog>;

/**
 * Reads a store's catalog with `db` — a transaction's own view when given one (a menu change
 * pricing carts before it commits).
 */
export async function readCatalog(
  db: Queryable,
  storeId: string,
  version: number,
  storeName: string,
): Promise<Catalog> {
  const [menuRows, groupRows, optionRows, links, stationRows] = await Promise.all([
    db
      .select({
        id: menus.id,
        name: menus.name,
        price: menus.price,
        isAvailable: menus.isAvailable,
        stationId: menuCategories.stationId,
      })
      .from(menus)
      .innerJoin(menuCategories, eq(menuCategories.id, menus.categoryId))
      .where(and(eq(menus.storeId, storeId), isNull(menus.deletedAt))),
    db.select().from(optionGroups).where(eq(optionGroups.storeId, storeId)),
    db.select().from(options).where(eq(options.storeId, storeId)).orderBy(asc(options.sortOrder), asc(options.name)),
    db
      .select({ menuId: menuOptionGroups.menuId, groupId: menuOptionGroups.groupId })
      .from(menuOptionGroups)
      .innerJoin(menus, eq(menus.id, menuOptionGroups.menuId))
      .where(eq(menus.storeId, storeId))
      .orderBy(asc(menuOptionGroups.sortOrder)),
    db
      .select({ id: stations.id })
      .from(stations)
      .where(and(eq(stations.storeId, storeId), isNull(stations.deletedAt)))
      .orderBy(asc(stations.sortOrder), asc(stations.createdAt)),
  ]);
  const groups = new Map<string, CatalogGroup>(
    groupRows.map((g) => [
      g.id,
      { id: g.id, name: g.name, minSelect: g.minSelect, maxSelect: g.maxSelect, options: [] },
    ]),
  );
  for (const o of optionRows) {
    groups.get(o.groupId)?.options.push({ id: o.id, name: o.name, price: o.price, isAvailable: o.isAvailable });
  }
  const liveStations = new Set(stationRows.map((s) => s.id));
  const firstStation = stationRows[0]?.id ?? null;
  const result = new Map<string, CatalogMenu>();
  for (const m of menuRows) {
    result.set(m.id, {
      id: m.id,
      name: m.name,
      price: m.price,
      isAvailable: m.isAvailable,
      stationId: m.stationId && liveStations.has(m.stationId) ? m.stationId : firstStation,
      groups: [],
    });
  }
  for (const link of links) {
    const group = groups.get(link.groupId);
    if (group) result.get(link.menuId)?.groups.push(group);
  }
  return { storeId, storeName, version, menus: result };
}
