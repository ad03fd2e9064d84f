import type { Call, HistoryCall } from '../../../contract/calls.js';
import type { CallReason } from '../../../contract/menus.js';
import type { callReasons, calls } from '../../db/schema/index.js';

export type CallRow = typeof calls.$inferSelect;
type CallReasonRow = typeof callReasons.$inferSelect;

/** Who sees a call: staff see who marked it done; tables and guests' phones never do. */
export type Audience = 'staff' | 'table';

/** The contract's Call. For a table's answers (`audience: 'table'`) `doneBy` is always null. */
export function toCall(row: CallRow, audience: Audience): Call {
  return {
    id: row.id,
    tableId: row.tableId,
    tableNumber: row.tableNumber,
    reasons: row.reasons,
    note: row.note,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    doneAt: row.doneAt?.toISOString() ?? null,
    doneBy:
      audience === 'staff' && row.doneByAdminId && row.doneByUsername
        ? { adminId: row.doneByAdminId, username: row.doneByUsername }
        : null,
    pressCount: Math.max(1, row.presses.length),
  };
}

/** A call as history shows it (staff only): its visit and how long the guests waited. */
export function toHistoryCall(row: CallRow): HistoryCall {
  return {
    ...toCall(row, 'staff'),
    sessionId: row.sessionId,
    waitSeconds: row.doneAt ? Math.max(0, Math.round((row.doneAt.getTime() - row.createdAt.getTime()) / 1000)) : null,
  };
}

export function toCallReason(row: CallReasonRow): CallReason {
  return { id: row.id, label: row.label, sortOrder: row.sortOrder, translations: row.translations };
}
