import type { Translations } from '@contract/i18n';
import { MAX_OPTIONS_PER_GROUP } from '@contract/menus';

/** An option as the editor holds it: `id` when it exists on the server (it keeps it on save). */
export interface DraftOption {
  key: string;
  id?: string;
  name: string;
  price: number;
  isAvailable: boolean;
  translations: Translations;
}

export type DraftProblem = 'name' | 'optionName' | 'range' | 'tooFew' | 'count';

/** What the server would refuse, said before sending: names, min ≤ max, a group guests can complete. */
export function draftProblems(draft: {
  name: string;
  minSelect: number;
  maxSelect: number;
  options: DraftOption[];
}): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!draft.name.trim()) problems.push('name');
  if (draft.options.some((o) => !o.name.trim())) problems.push('optionName');
  if (
    !Number.isInteger(draft.minSelect) ||
    !Number.isInteger(draft.maxSelect) ||
    draft.minSelect < 0 ||
    draft.maxSelect < 1 ||
    draft.maxSelect < draft.minSelect
  ) {
    problems.push('range');
  } else if (draft.minSelect > draft.options.length) {
    problems.push('tooFew');
  }
  if (draft.options.length < 1 || draft.options.length > MAX_OPTIONS_PER_GROUP) problems.push('count');
  return problems;
}

/** The list with the item at `index` moved one place up (-1) or down (1); unchanged at an end. */
export function moveOption<T>(list: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [item] = next.splice(index, 1);
  if (item !== undefined) next.splice(target, 0, item);
  return next;
}
