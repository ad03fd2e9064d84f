import { and, count, eq, isNull, max } from 'drizzle-orm';
import { ErrorCodes } from '../../../contract/common.js';
import type { Category, CreateCategoryBody, UpdateCategoryBody } from '../../../contract/menus.js';
import type { Db, Tx } from '../../db/client.js';
import { menuCategories, menus, stations } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation } from '../../lib/db-errors.js';
import { conflict, notFound, validationFailed } from '../../lib/errors.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { byDisplayOrder, lockCategory, menuChanged } from './menus.service.js';

type CategoryRow = typeof menuCategories.$inferSelect;

export const toCategory = (
  row: Pick<CategoryRow, 'id' | 'name' | 'sortOrder' | 'translations' | 'stationId'>,
): Category => ({
  id: row.id,
  name: row.name,
  sortOrder: row.sortOrder,
  translations: row.translations,
  stationId: row.stationId,
});

const NAME_KEY = 'menu_categories_store_name_live_key';

/** A live category of the store already has the name (case-insensitive): 409 DUPLICATE on `name`. */
async function uniqueName<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err, NAME_KEY)) {
      throw conflict(ErrorCodes.duplicate, 'This store already has a category with this name', { field: 'name' });
    }
    throw err;
  }
}

const liveCategory = (storeId: string, id: string) =>
  and(eq(menuCategories.id, id), eq(menuCategories.storeId, storeId), isNull(menuCategories.deletedAt));

/**
 * Checks a category's station (400 naming the field when it is not a live station of the store)
 * and holds it (FOR SHARE) until the commit, so it cannot be deleted under the new routing.
 */
async function checkStation(tx: Tx, storeId: string, stationId: string | null | undefined): Promise<void> {
  if (!stationId) return;
  const [row] = await tx
    .select({ id: stations.id })
    .from(stations)
    .where(and(eq(stations.id, stationId), eq(stations.storeId, storeId), isNull(stations.deletedAt)))
    .for('share');
  if (!row) {
    throw validationFailed('stationId: no such station in this store', {
      fields: [{ path: 'body.stationId', message: 'no such station in this store' }],
    });
  }
}

export function createCategoriesService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  return {
    /** The store's categories in display order. */
    async list(storeId: string): Promise<Category[]> {
      const rows = await db
        .select()
        .from(menuCategories)
        .where(and(eq(menuCategories.storeId, storeId), isNull(menuCategories.deletedAt)));
      return rows.sort(byDisplayOrder).map(toCategory);
    },

    /** A new category goes after the others unless a position is given. */
    async create(storeId: string, body: CreateCategoryBody): Promise<Category> {
      return uniqueName(
        events.transaction(storeId, async (tx, emit) => {
          await checkStation(tx, storeId, body.stationId);
          let sortOrder = body.sortOrder;
          if (sortOrder === undefined) {
            const [row] = await tx
              .select({ top: max(menuCategories.sortOrder) })
              .from(menuCategories)
              .where(and(eq(menuCategories.storeId, storeId), isNull(menuCategories.deletedAt)));
            sortOrder = row?.top == null ? 0 : row.top + 1;
          }
          const now = clock.now();
          const [row] = await tx
            .insert(menuCategories)
            .values({
              storeId,
              name: body.name,
              sortOrder,
              translations: body.translations ?? {},
              stationId: body.stationId ?? null,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          if (!row) throw new Error('category insert returned nothing');
          await menuChanged(tx, storeId, emit);
          return toCategory(row);
        }),
      );
    },

    async update(storeId: string, id: string, body: UpdateCategoryBody): Promise<Category> {
      return uniqueName(
        events.transaction(storeId, async (tx, emit) => {
          await checkStation(tx, storeId, body.stationId);
          const [row] = await tx
            .update(menuCategories)
            .set({
              ...(body.name !== undefined ? { name: body.name } : {}),
              ...(body.sortOrder !== undefined ? { sortOrder: body.sortOrder } : {}),
              ...(body.translations !== undefined ? { translations: body.translations } : {}),
              // Routing: the next order sends this category's dishes there (menuChanged below).
              ...(body.stationId !== undefined ? { stationId: body.stationId } : {}),
              updatedAt: clock.now(),
            })
            .where(liveCategory(storeId, id))
            .returning();
          if (!row) throw notFound('category');
          await menuChanged(tx, storeId, emit);
          return toCategory(row);
        }),
      );
    },

    /**
     * Deletes an empty category: 409 while live dishes are in it. Soft-deleted dishes don't
     * count; they keep pointing at the row, which is why the category is only marked deleted.
     */
    async remove(storeId: string, id: string): Promise<void> {
      await events.transaction(storeId, async (tx, emit) => {
        // Locked first, so no dish can be added or moved into it until this commits.
        if (!(await lockCategory(tx, storeId, id))) throw notFound('category');
        const [live] = await tx
          .select({ n: count() })
          .from(menus)
          .where(and(eq(menus.categoryId, id), isNull(menus.deletedAt)));
        const dishes = Number(live?.n ?? 0);
        if (dishes > 0) {
          throw conflict('CATEGORY_NOT_EMPTY', `The category still has ${dishes} dish(es); move or delete them first`, {
            menuCount: dishes,
          });
        }
        const now = clock.now();
        await tx.update(menuCategories).set({ deletedAt: now, updatedAt: now }).where(eq(menuCategories.id, id));
        await menuChanged(tx, storeId, emit);
      });
    },
  };
}

export type CategoriesService = ReturnType<typeof createCategoriesService>;
