import type { Table } from '../../../contract/tables.js';

/** The contract's Table: the table and its open session, if any. */
export function toTable(
  table: { id: string; number: number },
  session: { id: string; openedAt: Date } | null | undefined,
): Table {
  return {
    id: table.id,
    number: table.number,
    sessionId: session?.id ?? null,
    sessionStartedAt: session?.openedAt.toISOString() ?? null,
  };
}
