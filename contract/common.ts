import { z } from 'zod';
import { ErrorCode } from './errors.js';

export { ErrorCode, ErrorCodes } from './errors.js';

export const Id = z.uuid().describe('UUID');
export const IsoDateTime = z.string().describe('ISO-8601 timestamp, UTC');
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  // Round-trips through Date: `Date.parse` alone takes 2026-02-30 for March 2. Year 0000 does
  // round-trip (JavaScript counts a year zero) but is no date to PostgreSQL, which goes from 1 BC
  // to AD 1: the years are 0001–9999.
  .refine((value) => {
    const parsed = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed) && !value.startsWith('0000') && new Date(parsed).toISOString().slice(0, 10) === value;
  }, 'must be a real date (years 0001–9999)');

/** Integer Korean won. Amounts are whole won; every total fits a signed 64-bit column. */
export const Won = z.number().int();
/** A table's number as people read it. */
export const TableNumber = z.number().int().min(1).max(999);

export const IdParams = z.object({ id: Id });

/** Idempotency-Key header: any printable token a client generates once per order, call or payment. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,128}$/, 'must be 8–128 printable ASCII characters');

/** The error shape of every non-2xx JSON answer. */
export const ErrorResponse = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
