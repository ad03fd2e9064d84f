import { z } from 'zod';
import { Id, Won } from './common.js';

export const MAX_PRICE = 1_000_000;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export const Category = z.object({ id: Id, name: z.string(), sortOrder: z.number().int() });
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ categories: z.array(Category) });

const SortOrder = z.number().int().min(-1_000_000).max(1_000_000);
const CategoryName = z.string().trim().min(1).max(40);

export const CreateCategoryBody = z.object({ name: CategoryName, sortOrder: SortOrder.optional() });
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z
  .object({ name: CategoryName.optional(), sortOrder: SortOrder.optional() })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field');
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;

export const Menu = z.object({
  id: Id,
  categoryId: Id,
  name: z.string(),
  price: Won,
  description: z.string(),
  imageUrl: z.string().nullable(),
  isAvailable: z.boolean(),
  sortOrder: z.number().int(),
});
export type Menu = z.infer<typeof Menu>;

export const MenuList = z.object({ menus: z.array(Menu) });

export const MenuName = z.string().trim().min(1).max(60);
/** Integer won, 0..1,000,000: no fractions, no negatives, no strings. */
export const MenuPrice = z.number().int().min(0).max(MAX_PRICE);
export const MenuDescription = z.string().trim().max(500);

export const CreateMenuBody = z.object({
  categoryId: Id,
  name: MenuName,
  price: MenuPrice,
  description: MenuDescription.optional(),
  isAvailable: z.boolean().optional(),
  sortOrder: SortOrder.optional(),
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
  })
  .refine((body) => Object.keys(body).length > 0, 'send at least one field');
export type UpdateMenuBody = z.infer<typeof UpdateMenuBody>;

export const MenuListQuery = z.object({ categoryId: Id.optional() });

export const ReorderMenusBody = z.object({
  categoryId: Id,
  menuIds: z.array(Id).min(1).max(500),
});
export type ReorderMenusBody = z.infer<typeof ReorderMenusBody>;

export const TableMenu = z.object({
  categories: z.array(Category.extend({ menus: z.array(Menu) })),
});
export type TableMenu = z.infer<typeof TableMenu>;
