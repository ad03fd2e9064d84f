/** A table as the phone board sorts it. */
export interface BoardTable {
  id: string;
  number: number;
  sessionId: string | null;
}

export interface PhoneBoard<T extends BoardTable> {
  /** Tables that need someone now: calling staff (longest waiting first), then with new orders. */
  attention: T[];
  /** Other tables with guests, by number. */
  busy: T[];
  /** Free tables with nothing going on, by number: folded into one compact row. */
  free: T[];
}

/**
 * The dashboard on a phone (a manager walking the floor): what needs someone first, free tables
 * last and small, so a busy table is never four screens below empty cards.
 */
export function arrangeForPhone<T extends BoardTable>(
  tables: T[],
  openCalls: Array<{ tableId: string; createdAt: string }>,
  freshOrders: (table: T) => number,
): PhoneBoard<T> {
  const calledAt = new Map(openCalls.map((call) => [call.tableId, call.createdAt]));
  const byNumber = (a: T, b: T) => a.number - b.number;
  const calling = tables
    .filter((table) => calledAt.has(table.id))
    .sort((a, b) => (calledAt.get(a.id) ?? '').localeCompare(calledAt.get(b.id) ?? '') || byNumber(a, b));
  const fresh = tables.filter((table) => !calledAt.has(table.id) && freshOrders(table) > 0).sort(byNumber);
  const rest = tables.filter((table) => !calledAt.has(table.id) && freshOrders(table) === 0);
  return {
    attention: [...calling, ...fresh],
    busy: rest.filter((table) => table.sessionId !== null).sort(byNumber),
    free: rest.filter((table) => table.sessionId === null).sort(byNumber),
  };
}
