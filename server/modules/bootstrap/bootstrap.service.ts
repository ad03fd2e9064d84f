import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import {
  admins,
  menuCategories,
  menuOptionGroups,
  menus,
  optionGroups,
  options,
  stations,
  stores,
  tables,
} from '../../db/schema/index.js';
import { hashPassword } from '../../lib/passwords.js';
import { seedStoreDefaults } from '../stores/stores.defaults.js';
import {
  DEMO_MENU,
  DEMO_OPTION_GROUPS,
  DEMO_OWNER,
  DEMO_STORE,
  DEMO_SUPERADMIN,
  DEMO_TABLE_COUNT,
  DEMO_TABLE_PASSWORD,
  type DemoDish,
} from './bootstrap.demo-data.js';

/** The demo store's drinks station, and the categories it makes (the rest go to 주방). */
export const DEMO_DRINKS_STATION = '음료';
const DEMO_DRINK_CATEGORIES = new Set(['음료', '주류']);

export interface BootstrapResult {
  superadminCreated: string | null;
  demoSeeded: boolean;
}

/** Called once per seeded dish, to attach its picture (storage lives in the menus module). */
export type AttachDemoImage = (menuId: string, storeId: string, dish: DemoDish) => Promise<void>;

/**
 * First-start set-up, safe to run on every start and on several replicas at once: creates the
 * first super-admin when there is none, and in development seeds the demo store once, when the
 * installation has no store at all.
 */
export async function bootstrap(db: Db, config: Config, attachImage?: AttachDemoImage): Promise<BootstrapResult> {
  const result: BootstrapResult = { superadminCreated: null, demoSeeded: false };
  const superadmin = config.superadmin ?? (config.isProduction ? undefined : DEMO_SUPERADMIN);

  // One transaction under an advisory lock: two replicas starting together seed once.
  const seeded = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7305118403)`);
    if (superadmin) {
      const existing = await tx.select({ id: admins.id }).from(admins).where(eq(admins.role, 'superadmin')).limit(1);
      if (existing.length === 0) {
        await tx.insert(admins).values({
          username: superadmin.username,
          passwordHash: await hashPassword(superadmin.password),
          role: 'superadmin',
        });
        result.superadminCreated = superadmin.username;
      }
    }
    if (config.isProduction) return [];
    const anyStore = await tx.select({ id: stores.id }).from(stores).limit(1);
    if (anyStore.length > 0) return [];

    const [store] = await tx.insert(stores).values(DEMO_STORE).returning({ id: stores.id });
    if (!store) throw new Error('demo store was not created');
    await seedStoreDefaults(tx, store.id);
    const [drinks] = await tx
      .insert(stations)
      .values({ storeId: store.id, name: DEMO_DRINKS_STATION, sortOrder: 1 })
      .returning({ id: stations.id });
    await tx.insert(admins).values({
      storeId: store.id,
      username: DEMO_OWNER.username,
      passwordHash: await hashPassword(DEMO_OWNER.password),
      role: 'owner',
    });
    const tableHash = await hashPassword(DEMO_TABLE_PASSWORD);
    await tx.insert(tables).values(
      Array.from({ length: DEMO_TABLE_COUNT }, (_, i) => ({
        storeId: store.id,
        number: i + 1,
        passwordHash: tableHash,
      })),
    );
    const groupIds = new Map<string, string>();
    for (const [sortOrder, group] of DEMO_OPTION_GROUPS.entries()) {
      const [row] = await tx
        .insert(optionGroups)
        .values({
          storeId: store.id,
          name: group.name,
          minSelect: group.minSelect,
          maxSelect: group.maxSelect,
          sortOrder,
          translations: group.translations,
        })
        .returning({ id: optionGroups.id });
      if (!row) throw new Error('demo option group was not created');
      groupIds.set(group.key, row.id);
      await tx.insert(options).values(
        group.options.map((option, index) => ({
          groupId: row.id,
          storeId: store.id,
          name: option.name,
          price: option.price,
          sortOrder: index,
          translations: option.translations,
        })),
      );
    }
    const created: Array<{ menuId: string; storeId: string; dish: DemoDish }> = [];
    for (const [categoryIndex, group] of DEMO_MENU.entries()) {
      const [category] = await tx
        .insert(menuCategories)
        .values({
          storeId: store.id,
          name: group.category,
          sortOrder: categoryIndex,
          translations: group.translations,
          stationId: DEMO_DRINK_CATEGORIES.has(group.category) ? (drinks?.id ?? null) : null,
        })
        .returning({ id: menuCategories.id });
      if (!category) throw new Error('demo category was not created');
      for (const [dishIndex, dish] of group.dishes.entries()) {
        const [menu] = await tx
          .insert(menus)
          .values({
            storeId: store.id,
            categoryId: category.id,
            name: dish.name,
            price: dish.price,
            description: dish.description,
            isAvailable: dish.isAvailable ?? true,
            sortOrder: dishIndex,
            translations: dish.translations ?? {},
            allergens: dish.allergens ?? [],
            badges: dish.badges ?? [],
          })
          .returning({ id: menus.id });
        if (!menu) throw new Error('demo dish was not created');
        const links = (dish.groups ?? []).map((key, sortOrder) => {
          const groupId = groupIds.get(key);
          if (!groupId) throw new Error(`demo dish ${dish.name} names no group ${key}`);
          return { menuId: menu.id, groupId, sortOrder };
        });
        if (links.length > 0) await tx.insert(menuOptionGroups).values(links);
        created.push({ menuId: menu.id, storeId: store.id, dish });
      }
    }
    result.demoSeeded = true;
    return created;
  });

  if (attachImage) {
    for (const { menuId, storeId, dish } of seeded) await attachImage(menuId, storeId, dish);
  }
  return result;
}

/** Lines printed at start-up in development so the first user knows how to sign in. */
export function demoSignInHelp(config: Config, result: BootstrapResult, baseUrl: string): string[] {
  const superadmin = config.superadmin?.username ?? DEMO_SUPERADMIN.username;
  const lines = [
    `TableOrder is running at ${baseUrl}`,
    `  Tablet app:   ${baseUrl}/           store "${DEMO_STORE.code}", tables 1–${DEMO_TABLE_COUNT}, password "${DEMO_TABLE_PASSWORD}"`,
    `  Store admin:  ${baseUrl}/admin      store "${DEMO_STORE.code}", user "${DEMO_OWNER.username}" / "${DEMO_OWNER.password}"`,
    `  Super-admin:  ${baseUrl}/superadmin user "${superadmin}"${config.superadmin ? '' : ` / "${DEMO_SUPERADMIN.password}"`}`,
    `  API docs:     ${baseUrl}/api/docs`,
  ];
  if (result.demoSeeded) lines.unshift('Seeded the demo store (first start).');
  return lines;
}
