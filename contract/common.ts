import { z } from 'zod';

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

/** Integer Korean won. */
export const Won = z.number().int();

export const IdParams = z.object({ id: Id });

/** The error shape of every non-2xx JSON answer. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** Stable error codes clients may branch on. */
export const ErrorCodes = {
  validationFailed: 'VALIDATION_FAILED',
  invalidJson: 'INVALID_JSON',
  unauthorized: 'UNAUTHORIZED',
  invalidCredentials: 'INVALID_CREDENTIALS',
  tokenExpired: 'TOKEN_EXPIRED',
  forbidden: 'FORBIDDEN',
  notFound: 'NOT_FOUND',
  accountLocked: 'ACCOUNT_LOCKED',
  rateLimited: 'RATE_LIMITED',
  menuSoldOut: 'MENU_SOLD_OUT',
  orderTransition: 'ORDER_TRANSITION',
  idempotencyMismatch: 'IDEMPOTENCY_KEY_REUSED',
  noOpenSession: 'NO_OPEN_SESSION',
  tableHasOpenSession: 'TABLE_HAS_OPEN_SESSION',
  categoryNotEmpty: 'CATEGORY_NOT_EMPTY',
  duplicate: 'DUPLICATE',
  lastOwner: 'LAST_OWNER',
  cannotDeleteSelf: 'CANNOT_DELETE_SELF',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  internal: 'INTERNAL_ERROR',
} as const;
