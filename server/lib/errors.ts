import type { ErrorCode } from '../../contract/errors.js';

/**
 * Errors are values with stable codes. Services throw AppError; the error handler turns it into
 * the contract's `{ error: { code, message, details } }` shape. Anything else becomes a 500.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new AppError(400, code, message, details);

export const validationFailed = (message: string, details?: Record<string, unknown>) =>
  new AppError(400, 'VALIDATION_FAILED', message, details);

export const unauthorized = (message = 'Authentication required', code: ErrorCode = 'UNAUTHORIZED') =>
  new AppError(401, code, message);

export const forbidden = (message = 'You are not allowed to do this', code: ErrorCode = 'FORBIDDEN') =>
  new AppError(403, code, message);

/** 404 for missing resources and, deliberately, for other stores' or tables' resources. */
export const notFound = (what: string) =>
  new AppError(404, 'NOT_FOUND', `${what[0]?.toUpperCase()}${what.slice(1)} not found`);

export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, details);

export const payloadTooLarge = (message: string, details?: Record<string, unknown>) =>
  new AppError(413, 'PAYLOAD_TOO_LARGE', message, details);

export const unsupportedMediaType = (message: string, details?: Record<string, unknown>) =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', message, details);

export const tooManyRequests = (code: ErrorCode, message: string, retryAfterSeconds: number) =>
  new AppError(
    429,
    code,
    message,
    { retryAfterSeconds },
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  );

export const serviceUnavailable = (code: ErrorCode, message: string) => new AppError(503, code, message);
