import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Translations } from '../../../contract/i18n.js';
import { createdAt, id, timestamptz, updatedAt } from './columns.js';
import { stations } from './kitchen.js';
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
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    /** Where its dishes are made; null → the store's first station. */
    stationId: uuid('station_id').references(() => stations.id),
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
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    /** Codes of the Korean allergen labelling list (contract ALLERGENS). */
    allergens: text('allergens').array().notNull().default(sql`'{}'::text[]`),
    /** Codes of contract BADGES: popular, new, recommended, spicy, vegetarian. */
    badges: text('badges').array().notNull().default(sql`'{}'::text[]`),
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

/** A store's reusable choice groups (맵기, 사이즈, 사리 추가); dishes list the groups they offer. */
export const optionGroups = pgTable(
  'option_groups',
  {
    id: id(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** ≥ 1 makes the group required; maxSelect 1 makes it a single choice. */
    minSelect: integer('min_select').notNull().default(0),
    maxSelect: integer('max_select').notNull().default(1),
    sortOrder: integer('sort_order').notNull().default(0),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('option_groups_store_idx').on(t.storeId),
    check(
      'option_groups_select_range',
      sql`${t.minSelect} BETWEEN 0 AND 20 AND ${t.maxSelect} BETWEEN 1 AND 20 AND ${t.maxSelect} >= ${t.minSelect}`,
    ),
  ],
);

export const options = pgTable(
  'options',
  {
    id: id(),
    groupId: uuid('group_id')
      .notNull()
      .references(() => optionGroups.id, { onDelete: 'cascade' }),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    price: integer('price').notNull().default(0),
    isAvailable: boolean('is_available').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
  },
  (t) => [
    index('options_group_idx').on(t.groupId),
    check('options_price_range', sql`${t.price} BETWEEN 0 AND 1000000`),
  ],
);

/** The groups a dish offers, in the order the chooser shows them. */
export const menuOptionGroups = pgTable(
  'menu_option_groups',
  {
    menuId: uuid('menu_id')
      .notNull()
      .references(() => menus.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => optionGroups.id),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.menuId, t.groupId] }), index('menu_option_groups_group_idx').on(t.groupId)],
);
