import { z } from 'zod';
import { Id, Won } from './common.js';
import { Translations } from './i18n.js';
import { displayText } from './text.js';

export const MAX_PRICE = 1_000_000;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** An uploaded picture may be at most this many pixels on a side… */
export const MAX_IMAGE_SIDE = 8000;
/** …and this many pixels in all (40 megapixels); larger ones are refused with 400. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The Korean allergen labelling list (식품 등의 표시기준), by code. */
export const ALLERGENS = [
  'eggs',
  'milk',
  'buckwheat',
  'peanut',
  'soybean',
  'wheat',
  'mackerel',
  'crab',
  'shrimp',
  'pork',
  'peach',
  'tomato',
  'sulfites',
  'walnut',
  'chicken',
  'beef',
  'squid',
  'shellfish',
  'pine-nut',
] as const;
export const Allergen = z.enum(ALLERGENS);
export type Allergen = z.infer<typeof Allergen>;

export const BADGES = ['popular', 'new', 'recommended', 'spicy', 'vegetarian'] as const;
export const Badge = z.enum(BADGES);
export type Badge = z.infer<typeof Badge>;

export const Category = z.object({
  id: Id,
  name: z.string(),
  sortOrder: z.number().int(),
  translations: Translations,
  /** The station its dishes go to; null → the store's first station. */
  stationId: Id.nullable(),
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ categories: z.array(Category) });

const SortOrder = z.number().int().min(-1_000_000).max(1_000_000);
const CategoryName = displayText(1, 40);

export const CreateCategoryBody = z.object({
  name: CategoryName,
  sortOrder: SortOrder.optional(),
  translations: Translations.optional(),
  stationId: Id.nullable().optional(),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z
  .object({
    name: CategoryName.optional(),
    sortOrder: SortOrder.optional(),
    translations: Translations.optional(),
    stationId: Id.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field');
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;

export const Menu = z.object({
  id: Id,
  categoryId: Id,
  name: z.string(),
  price: Won,
  description: z.string(),
  /** The picture at its detail size (a WebP since pictures are re-encoded; older ones as uploaded). */
  imageUrl: z.string().nullable(),
  /**
   * The picture's sized variants: `card` for menu cards and cart lines (tablets, phones), `detail`
   * for the dish's own view. Both are `imageUrl`'s picture; null when the dish has none.
   */
  imageUrls: z.object({ card: z.string(), detail: z.string() }).nullable(),
  isAvailable: z.boolean(),
  sortOrder: z.number().int(),
  /** The option groups the dish offers, in order. */
  optionGroupIds: z.array(Id),
  translations: Translations,
  allergens: z.array(Allergen),
  badges: z.array(Badge),
});
export type Menu = z.infer<typeof Menu>;

export const MenuList = z.object({ menus: z.array(Menu) });

export const MenuName = displayText(1, 60);
/** Integer won, 0..1,000,000: no fractions, no negatives, no strings. */
export const MenuPrice = z.number().int().min(0).max(MAX_PRICE);
export const MenuDescription = displayText(0, 500, { multiline: true });
const OptionGroupIds = z
  .array(Id)
  .max(20)
  .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'lists a group twice');
const Allergens = z.array(Allergen).max(ALLERGENS.length);
const Badges = z.array(Badge).max(BADGES.length);

export const CreateMenuBody = z.object({
  categoryId: Id,
  name: MenuName,
  price: MenuPrice,
  description: MenuDescription.optional(),
  isAvailable: z.boolean().optional(),
  sortOrder: SortOrder.optional(),
  optionGroupIds: OptionGroupIds.optional(),
  translations: Translations.optional(),
  allergens: Allergens.optional(),
  badges: Badges.optional(),
});
export type CreateMenuBody = z.infer<typeof CreateMenuBody>;

export const UpdateMenuBody = z
  .object({
    categoryId: Id.optional(),
    name: MenuName.optional(),
    price: MenuPrice.optional(),
    description: MenuDescription.optional(),
    isAvailable: z.boolean().optional(),
    sortOrder: SortOrder.optional(),
    optionGroupIds: OptionGroupIds.optional(),
    translations: Translations.optional(),
    allergens: Allergens.optional(),
    badges: Badges.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field');
export type UpdateMenuBody = z.infer<typeof UpdateMenuBody>;

export const MenuListQuery = z.object({ categoryId: Id.optional() });

export const ReorderMenusBody = z.object({
  categoryId: Id,
  menuIds: z.array(Id).min(1).max(500),
});
export type ReorderMenusBody = z.infer<typeof ReorderMenusBody>;

export const MAX_OPTIONS_PER_GROUP = 30;
export const MAX_SELECT = 20;

export const Option = z.object({
  id: Id,
  name: z.string(),
  price: Won,
  isAvailable: z.boolean(),
  sortOrder: z.number().int(),
  translations: Translations,
});
export type Option = z.infer<typeof Option>;

/** A reusable choice group: required when minSelect ≥ 1, a single choice when maxSelect = 1. */
export const OptionGroup = z.object({
  id: Id,
  name: z.string(),
  minSelect: z.number().int(),
  maxSelect: z.number().int(),
  sortOrder: z.number().int(),
  translations: Translations,
  options: z.array(Option),
});
export type OptionGroup = z.infer<typeof OptionGroup>;

export const OptionGroupList = z.object({ optionGroups: z.array(OptionGroup) });

const OptionInput = z.object({
  /** Sent for an option that exists: it keeps its id (orders and carts refer to it). */
  id: Id.optional(),
  name: displayText(1, 40),
  price: MenuPrice.optional(),
  isAvailable: z.boolean().optional(),
  translations: Translations.optional(),
});

const optionGroupFields = {
  name: displayText(1, 40),
  minSelect: z.number().int().min(0).max(MAX_SELECT),
  maxSelect: z.number().int().min(1).max(MAX_SELECT),
  sortOrder: SortOrder,
  translations: Translations,
  /** The whole list, in order: options left out are removed, options sent with their id keep it. */
  options: z.array(OptionInput).min(1).max(MAX_OPTIONS_PER_GROUP),
};

const selectRange = (body: { minSelect?: number; maxSelect?: number }) =>
  body.minSelect === undefined || body.maxSelect === undefined || body.maxSelect >= body.minSelect;
const uniqueOptionIds = (body: { options?: Array<{ id?: string }> }) => {
  const ids = (body.options ?? []).flatMap((option) => (option.id ? [option.id.toLowerCase()] : []));
  return new Set(ids).size === ids.length;
};

export const CreateOptionGroupBody = z
  .object({
    name: optionGroupFields.name,
    minSelect: optionGroupFields.minSelect.default(0),
    maxSelect: optionGroupFields.maxSelect.default(1),
    sortOrder: optionGroupFields.sortOrder.optional(),
    translations: optionGroupFields.translations.optional(),
    options: optionGroupFields.options,
  })
  .refine(selectRange, { message: 'maxSelect must be at least minSelect', path: ['maxSelect'] })
  .refine(uniqueOptionIds, { message: 'lists an option twice', path: ['options'] });
export type CreateOptionGroupBody = z.infer<typeof CreateOptionGroupBody>;

export const UpdateOptionGroupBody = z
  .object({
    name: optionGroupFields.name.optional(),
    minSelect: optionGroupFields.minSelect.optional(),
    maxSelect: optionGroupFields.maxSelect.optional(),
    sortOrder: optionGroupFields.sortOrder.optional(),
    translations: optionGroupFields.translations.optional(),
    options: optionGroupFields.options.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field')
  .refine(selectRange, { message: 'maxSelect must be at least minSelect', path: ['maxSelect'] })
  .refine(uniqueOptionIds, { message: 'lists an option twice', path: ['options'] });
export type UpdateOptionGroupBody = z.infer<typeof UpdateOptionGroupBody>;

/** A call preset as tablets show it (물, 앞접시 …). */
export const CallReason = z.object({
  id: Id,
  label: z.string(),
  sortOrder: z.number().int(),
  translations: Translations,
});
export type CallReason = z.infer<typeof CallReason>;

/** A dish as tablets and phones see it: its option groups in full (sold-out options marked). */
export const TableMenuItem = Menu.extend({ optionGroups: z.array(OptionGroup) });
export type TableMenuItem = z.infer<typeof TableMenuItem>;

export const TableMenu = z.object({
  categories: z.array(Category.extend({ menus: z.array(TableMenuItem) })),
  callReasons: z.array(CallReason),
});
export type TableMenu = z.infer<typeof TableMenu>;
