import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stores } from './stores.js';

export const menuCategories = pgTable(
  'menu_categories',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * Soft delete: a category can go once it has no live dishes, but soft-deleted dishes still
     * point at it (menus.category_id), so the row stays.
     */
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    index('menu_categories_store_idx').on(t.storeId),
    // Two live categories of one store never share a name (case-insensitive): tabs would be ambiguous.
    uniqueIndex('menu_categories_store_name_live_key')
      .on(t.storeId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} IS NULL`),
  ],
);

export const menus = pgTable(
  'menus',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => menuCategories.id),
    name: text('name').notNull(),
    price: integer('price').notNull(),
    description: text('description').notNull().default(''),
    /** Storage key of the picture (`menus/<menuId>/<random>.<ext>`), not a URL. */
    imageKey: text('image_key'),
    isAvailable: boolean('is_available').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** Soft delete: past orders keep their snapshots, the dish leaves every menu. */
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    index('menus_store_idx').on(t.storeId),
    index('menus_category_idx').on(t.categoryId),
    check('menus_price_range', sql`${t.price} BETWEEN 0 AND 1000000`),
  ],
);
