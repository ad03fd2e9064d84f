import { z } from 'zod';
import { Id, IdempotencyKey, IsoDateTime, TableNumber } from './common.js';
import { Translations } from './i18n.js';
import { CallReason } from './menus.js';
import { StaffRef } from './payments.js';
import { displayText } from './text.js';

export const CALL_STATUSES = ['open', 'done'] as const;
export const CallStatus = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatus>;

/** A staff call (직원 호출). `doneBy` is null in what tables and phones see. */
export const Call = z.object({
  id: Id,
  tableId: Id,
  tableNumber: TableNumber,
  /** The presets' labels as they were when called (Korean). */
  reasons: z.array(z.string()),
  note: z.string().nullable(),
  status: CallStatus,
  createdAt: IsoDateTime,
  doneAt: IsoDateTime.nullable(),
  doneBy: StaffRef.nullable(),
  /** How many times the table called for it: 1, plus each call merged into it while it was open. */
  pressCount: z.number().int().min(1),
});
export type Call = z.infer<typeof Call>;

/** A call as a table's history shows it: the visit it belonged to and how long guests waited. */
export const HistoryCall = Call.extend({
  sessionId: Id.nullable(),
  /** Seconds from the call to staff marking it done; null while it is open. */
  waitSeconds: z.number().int().nullable(),
});
export type HistoryCall = z.infer<typeof HistoryCall>;

export const MAX_CALL_REASONS_PER_CALL = 5;
export const MAX_CALLS_PER_WINDOW = 10;
export const CALL_WINDOW_MINUTES = 10;

export const CreateCallBody = z.object({
  reasonIds: z.array(Id).max(MAX_CALL_REASONS_PER_CALL).default([]),
  note: displayText(0, 100).optional(),
});
export type CreateCallBody = z.infer<typeof CreateCallBody>;

/** `Idempotency-Key`: an offline tablet's outbox sends a call again with the key it made for it. */
export const CreateCallHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });

export const CallList = z.object({ calls: z.array(Call) });
export type CallList = z.infer<typeof CallList>;
export const CallsQuery = z.object({ status: CallStatus.optional() });
export type CallsQuery = z.infer<typeof CallsQuery>;
/** How many calls `GET /admin/calls` lists at most (all open ones fit: one per table). */
export const MAX_LISTED_CALLS = 200;

export const CallReasonLabel = displayText(1, 20);
export const MAX_CALL_REASONS = 12;

/** The whole list of presets, in order: reasons sent with their id keep it, the rest are new. */
export const PutCallReasonsBody = z.object({
  reasons: z
    .array(z.object({ id: Id.optional(), label: CallReasonLabel, translations: Translations.optional() }))
    .min(1)
    .max(MAX_CALL_REASONS),
});
export type PutCallReasonsBody = z.infer<typeof PutCallReasonsBody>;

/** The store's presets in order, as staff edit them. */
export const CallReasonList = z.object({ reasons: z.array(CallReason) });
export type CallReasonList = z.infer<typeof CallReasonList>;

/** The presets every new store starts with. */
export const DEFAULT_CALL_REASONS = ['물', '수저·젓가락', '앞접시', '물티슈', '계산 요청'] as const;
