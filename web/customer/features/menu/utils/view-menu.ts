import type { Allergen, TableMenu } from '@contract/menus';
import { localized, localizedName } from '@shared/menu/localized';

/**
 * The menu as a guest sees it: categories and dishes in the guest's language (Korean where staff
 * left a field untranslated), dishes containing any allergen the guest chose to avoid left out,
 * and categories left empty by that dropped. `hidden` counts the dishes left out.
 */
export function viewMenu(
  menu: TableMenu,
  language: string,
  avoid: readonly Allergen[] = [],
): { menu: TableMenu; hidden: number } {
  let hidden = 0;
  const categories = menu.categories
    .map((category) => ({
      ...category,
      name: localizedName(category, language),
      menus: category.menus.flatMap((dish) => {
        if (dish.allergens.some((code) => avoid.includes(code))) {
          hidden += 1;
          return [];
        }
        const texts = localized(dish, language);
        return [{ ...dish, name: texts.name, description: texts.description }];
      }),
    }))
    .filter((category) => category.menus.length > 0);
  return { menu: { ...menu, categories }, hidden };
}

/** A dish the guest must make choices for before it can go in the cart. */
export const needsChoice = (dish: { optionGroups: Array<{ minSelect: number }> }) =>
  dish.optionGroups.some((group) => group.minSelect >= 1);
