import type { Payment, VisitLogEntry } from '../../../contract/payments.js';
import type { Table } from '../../../contract/tables.js';
import type { payments, sessionLog } from '../../db/schema/index.js';

/** The contract's Table: the table and its open session, if any. */
export function toTable(
  table: { id: string; number: number },
  session: { id: string; openedAt: Date; guests?: number | null } | null | undefined,
): Table {
  return {
    id: table.id,
    number: table.number,
    sessionId: session?.id ?? null,
    sessionStartedAt: session?.openedAt.toISOString() ?? null,
    guests: session?.guests ?? null,
  };
}

type PaymentRow = typeof payments.$inferSelect;
type LogRow = typeof sessionLog.$inferSelect;

/** The contract's Payment; `forStaff` false leaves out who recorded or refunded it (tables, phones). */
export function toPayment(row: PaymentRow, forStaff: boolean): Payment {
  const staff = (adminId: string | null, username: string | null) =>
    forStaff && adminId && username ? { adminId, username } : null;
  return {
    id: row.id,
    sessionId: row.sessionId,
    method: row.method,
    amount: row.amount,
    createdAt: row.createdAt.toISOString(),
    createdBy: staff(row.createdByAdminId, row.createdByUsername),
    refundedAt: row.refundedAt?.toISOString() ?? null,
    refundedBy: staff(row.refundedByAdminId, row.refundedByUsername),
  };
}

export function toVisitLogEntry(row: LogRow): VisitLogEntry {
  return {
    kind: row.kind,
    at: row.createdAt.toISOString(),
    data: row.data,
    by: row.adminId && row.username ? { adminId: row.adminId, username: row.username } : null,
  };
}
