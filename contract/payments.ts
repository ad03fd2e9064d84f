import { z } from 'zod';
import { Id, IsoDateTime, TableNumber, Won } from './common.js';

export const PAYMENT_METHODS = ['card', 'cash', 'transfer', 'voucher', 'other'] as const;
export const PaymentMethod = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** A staff account as shown beside what it did; never sent to tables or phones. */
export const StaffRef = z.object({ adminId: Id, username: z.string() });
export type StaffRef = z.infer<typeof StaffRef>;

/**
 * A payment staff recorded (the card terminal stays outside). A refund keeps the row, with who
 * and when. `createdBy` / `refundedBy` are null in what tables and phones see.
 */
export const Payment = z.object({
  id: Id,
  sessionId: Id,
  method: PaymentMethod,
  amount: Won,
  createdAt: IsoDateTime,
  createdBy: StaffRef.nullable(),
  refundedAt: IsoDateTime.nullable(),
  refundedBy: StaffRef.nullable(),
});
export type Payment = z.infer<typeof Payment>;

/** The largest single payment: far above any bill, far below what a 64-bit column holds. */
export const MAX_PAYMENT = 1_000_000_000;

export const CreatePaymentBody = z.object({
  method: PaymentMethod,
  amount: z.number().int().min(1).max(MAX_PAYMENT),
});
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

/** What a visit owes: dueAmount = totalAmount − paidAmount (negative: money to give back). */
export const Bill = z.object({
  sessionId: Id.nullable(),
  totalAmount: Won,
  paidAmount: Won,
  dueAmount: Won,
  payments: z.array(Payment),
});
export type Bill = z.infer<typeof Bill>;

export const PaymentEvent = z.object({ payment: Payment, tableId: Id, paidAmount: Won, dueAmount: Won });

export const SESSION_LOG_KINDS = [
  'opened',
  'moved',
  'merged',
  'order-moved',
  'voided',
  'payment',
  'refund',
  'closed',
] as const;

/** One thing that happened to a visit besides its orders, with who did it. */
export const VisitLogEntry = z.object({
  kind: z.enum(SESSION_LOG_KINDS),
  at: IsoDateTime,
  data: z.record(z.string(), z.unknown()),
  by: StaffRef.nullable(),
});
export type VisitLogEntry = z.infer<typeof VisitLogEntry>;

export const CLOSE_REASONS = ['staff', 'idle', 'expired', 'merged'] as const;

/** A table's visit (session) as history shows it: times, guests, money, payments and its story. */
export const Visit = z.object({
  sessionId: Id,
  tableId: Id,
  tableNumber: TableNumber,
  openedAt: IsoDateTime,
  closedAt: IsoDateTime.nullable(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  mergedIntoSessionId: Id.nullable(),
  guests: z.number().int().nullable(),
  totalAmount: Won,
  paidAmount: Won,
  dueAmount: Won,
  /** Closed while money was still due. */
  closedWithDue: z.boolean(),
  payments: z.array(Payment),
  log: z.array(VisitLogEntry),
});
export type Visit = z.infer<typeof Visit>;
