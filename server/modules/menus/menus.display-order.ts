/** Display order everywhere: sortOrder, then name, then id so equal entries never swap between calls. */
export function byDisplayOrder(a: { sortOrder: number; name: string; id: string }, b: typeof a): number {
  return a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ko') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
