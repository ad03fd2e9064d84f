import { z } from 'zod';

/**
 * Every error code the API answers with, in `{ error: { code } }`. Clients branch on these, so
 * they are the contract's, not free strings: the server's error factories and the web's ApiError
 * accept only these. docs/API.md says what each one means.
 */
export const ERROR_CODES = [
  // 400
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'BAD_REQUEST',
  // 401
  'UNAUTHORIZED',
  'INVALID_CREDENTIALS',
  'TOKEN_EXPIRED',
  'SESSION_ENDED',
  // 403
  'FORBIDDEN',
  'STORE_INACTIVE',
  'GUEST_ORDERING_OFF',
  // 404
  'NOT_FOUND',
  // 409
  'DUPLICATE',
  'LAST_OWNER',
  'CANNOT_DELETE_SELF',
  'CATEGORY_NOT_EMPTY',
  'MENU_SOLD_OUT',
  'OPTION_SOLD_OUT',
  'OPTION_GROUP_IN_USE',
  'ORDER_TRANSITION',
  'NO_OPEN_SESSION',
  'TABLE_HAS_OPEN_SESSION',
  'TABLE_NOT_OPEN',
  'IDEMPOTENCY_KEY_REUSED',
  'OVERPAYMENT',
  'VOID_EXCEEDS_QUANTITY',
  'CART_CHANGED',
  'STATION_IN_USE',
  // 405, 406, 408, 413, 415, 416, 431
  'METHOD_NOT_ALLOWED',
  'NOT_ACCEPTABLE',
  'REQUEST_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RANGE_NOT_SATISFIABLE',
  'REQUEST_HEADER_FIELDS_TOO_LARGE',
  // 429
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  // 5xx
  'INTERNAL_ERROR',
  'SERVICE_UNAVAILABLE',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The codes by a camelCase name, for code that prefers `ErrorCodes.duplicate` to a literal. */
export const ErrorCodes = {
  validationFailed: 'VALIDATION_FAILED',
  invalidJson: 'INVALID_JSON',
  badRequest: 'BAD_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  invalidCredentials: 'INVALID_CREDENTIALS',
  tokenExpired: 'TOKEN_EXPIRED',
  sessionEnded: 'SESSION_ENDED',
  forbidden: 'FORBIDDEN',
  storeInactive: 'STORE_INACTIVE',
  guestOrderingOff: 'GUEST_ORDERING_OFF',
  notFound: 'NOT_FOUND',
  duplicate: 'DUPLICATE',
  lastOwner: 'LAST_OWNER',
  cannotDeleteSelf: 'CANNOT_DELETE_SELF',
  categoryNotEmpty: 'CATEGORY_NOT_EMPTY',
  menuSoldOut: 'MENU_SOLD_OUT',
  optionSoldOut: 'OPTION_SOLD_OUT',
  optionGroupInUse: 'OPTION_GROUP_IN_USE',
  orderTransition: 'ORDER_TRANSITION',
  noOpenSession: 'NO_OPEN_SESSION',
  tableHasOpenSession: 'TABLE_HAS_OPEN_SESSION',
  tableNotOpen: 'TABLE_NOT_OPEN',
  idempotencyMismatch: 'IDEMPOTENCY_KEY_REUSED',
  overpayment: 'OVERPAYMENT',
  voidExceedsQuantity: 'VOID_EXCEEDS_QUANTITY',
  cartChanged: 'CART_CHANGED',
  stationInUse: 'STATION_IN_USE',
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  notAcceptable: 'NOT_ACCEPTABLE',
  requestTimeout: 'REQUEST_TIMEOUT',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  rangeNotSatisfiable: 'RANGE_NOT_SATISFIABLE',
  headersTooLarge: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  accountLocked: 'ACCOUNT_LOCKED',
  rateLimited: 'RATE_LIMITED',
  internal: 'INTERNAL_ERROR',
  serviceUnavailable: 'SERVICE_UNAVAILABLE',
} as const satisfies Record<string, ErrorCode>;
