import type { OptionGroup } from '@contract/menus';

/**
 * What the guest (or staff) picked in the option chooser: per group id, the chosen option ids in
 * the order they were tapped. Pure data, so the tablet, the phone and the staff app share the rules.
 */
export type Selection = Readonly<Record<string, readonly string[]>>;

type Group = Pick<OptionGroup, 'id' | 'name' | 'minSelect' | 'maxSelect' | 'sortOrder' | 'options'>;

export const isRequired = (group: Pick<OptionGroup, 'minSelect'>) => group.minSelect >= 1;
export const isSingle = (group: Pick<OptionGroup, 'maxSelect'>) => group.maxSelect === 1;

/**
 * The groups as the chooser shows them: required ones first (a guest answers what must be
 * answered before the extras), otherwise in the dish's own order; options by their sortOrder.
 */
export function chooserGroups<G extends Group>(groups: readonly G[]): G[] {
  const ordered = groups.map((group, index) => ({ group, index }));
  ordered.sort((a, b) => Number(isRequired(b.group)) - Number(isRequired(a.group)) || a.index - b.index);
  return ordered.map(({ group }) => ({
    ...group,
    options: [...group.options].sort((a, b) => a.sortOrder - b.sortOrder),
  }));
}

/** Nothing chosen yet: the guest decides every required group explicitly. */
export const emptySelection = (): Selection => ({});

const chosenIn = (selection: Selection, groupId: string): readonly string[] => selection[groupId] ?? [];

/**
 * Taps an option. A single choice replaces the previous one (tapping the chosen one again clears
 * it, unless the group is required); a multiple choice toggles it, and refuses a tap past
 * `maxSelect` (the selection comes back unchanged). Sold-out and unknown options change nothing.
 */
export function toggleOption(selection: Selection, group: Group, optionId: string): Selection {
  const option = group.options.find((o) => o.id === optionId);
  if (!option?.isAvailable) return selection;
  const chosen = chosenIn(selection, group.id);
  const picked = chosen.includes(optionId);
  let next: readonly string[];
  if (isSingle(group)) {
    if (picked) {
      if (isRequired(group)) return selection;
      next = [];
    } else {
      next = [optionId];
    }
  } else if (picked) {
    next = chosen.filter((id) => id !== optionId);
  } else {
    if (chosen.length >= group.maxSelect) return selection;
    next = [...chosen, optionId];
  }
  return { ...selection, [group.id]: next };
}

export interface GroupStatus {
  count: number;
  /** Within min..max and no sold-out option among the chosen. */
  complete: boolean;
  /** As many chosen as the group allows: further options are disabled. */
  full: boolean;
  /** How many more must be chosen before it is complete. */
  missing: number;
}

export function groupStatus(group: Group, selection: Selection): GroupStatus {
  const chosen = chosenIn(selection, group.id);
  const available = chosen.every((id) => group.options.some((o) => o.id === id && o.isAvailable));
  return {
    count: chosen.length,
    complete: available && chosen.length >= group.minSelect && chosen.length <= group.maxSelect,
    full: chosen.length >= group.maxSelect,
    missing: Math.max(0, group.minSelect - chosen.length),
  };
}

/** Every group answered within its range: the add button is enabled only then. */
export function isComplete(groups: readonly Group[], selection: Selection): boolean {
  return groups.every((group) => groupStatus(group, selection).complete);
}

export interface ChosenOption {
  optionId: string;
  groupId: string;
  groupName: string;
  name: string;
  price: number;
}

/** The chosen options in the dish's group order, then each group's option order (as orders snapshot them). */
export function chosenOptions(groups: readonly Group[], selection: Selection): ChosenOption[] {
  return groups.flatMap((group) => {
    const chosen = new Set(chosenIn(selection, group.id));
    return [...group.options]
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .filter((option) => chosen.has(option.id))
      .map((option) => ({
        optionId: option.id,
        groupId: group.id,
        groupName: group.name,
        name: option.name,
        price: option.price,
      }));
  });
}

/** The ids an order line sends. */
export const selectedOptionIds = (groups: readonly Group[], selection: Selection): string[] =>
  chosenOptions(groups, selection).map((option) => option.optionId);

/** One of the dish as chosen: its price plus each chosen option's (the server prices the same way). */
export function unitPrice(basePrice: number, groups: readonly Group[], selection: Selection): number {
  return chosenOptions(groups, selection).reduce((sum, option) => sum + option.price, basePrice);
}

/**
 * Drops choices the menu no longer offers (an option sold out or removed while the chooser was
 * open): the guest sees the group incomplete again instead of an order refused later.
 */
export function pruneSelection(groups: readonly Group[], selection: Selection): Selection {
  const next: Record<string, string[]> = {};
  for (const group of groups) {
    const kept = chosenIn(selection, group.id).filter((id) =>
      group.options.some((option) => option.id === id && option.isAvailable),
    );
    if (kept.length > 0) next[group.id] = kept;
  }
  return next;
}

/**
 * The identity of a cart line: the same dish with other options, or another note, is another
 * line; the same dish, options and note adds to the line's quantity. Options are compared as a
 * set and notes trimmed, as the server compares them.
 */
export function lineKey(line: { menuId: string; optionIds?: readonly string[]; note?: string | null }): string {
  const optionIds = [...new Set((line.optionIds ?? []).map((id) => id.toLowerCase()))].sort();
  return JSON.stringify([line.menuId.toLowerCase(), optionIds, line.note?.trim() ?? '']);
}
