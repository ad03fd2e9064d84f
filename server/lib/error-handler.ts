import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode } from '../../contract/errors.js';
import { AppError } from './errors.js';
import { redactUrl } from './logger.js';

function send(
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details: Record<string, unknown> = {},
) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message, details } });
}

const STATUS_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  429: 'RATE_LIMITED',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

/** The contract's code that says what a status says (403 → FORBIDDEN, 416 → RANGE_NOT_SATISFIABLE). */
const codeForStatus = (status: number): ErrorCode =>
  STATUS_ERROR_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');

/** Fastify's own 4xx errors, translated to stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The JSON body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Content-Type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Content-Length does not match the body',
  },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The file is too large' },
  FST_FILES_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Too many files' },
  FST_PARTS_LIMIT: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Too many parts' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Expected multipart/form-data',
  },
  // The router could not decode the path (a broken %-sequence); raised through frameworkErrors.
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST', message: 'The URL is not valid (broken percent-encoding)' },
};

/**
 * The longest path parameter the router matches; a longer one never reaches a route. Ids are
 * UUIDs, so anything near this is bad input.
 */
export const MAX_PARAM_LENGTH = 100;

/**
 * One error handler for the whole app: AppError → its status and code, schema validation → 400
 * VALIDATION_FAILED with the failing fields, Fastify's client errors → their status, anything else
 * → a generic 500 logged with the request id (never a stack trace in the body).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(handleError);
}

function handleError(err: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
    return send(reply, err.status, err.code, err.message, err.details);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const part = err.validationContext ?? 'body';
    const fields = err.validation.map((issue) => ({
      path: [
        part,
        ...String(issue.instancePath ?? '')
          .split('/')
          .filter(Boolean),
      ].join('.'),
      message: issue.message,
    }));
    return send(
      reply,
      400,
      'VALIDATION_FAILED',
      `Invalid ${part}: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`,
      {
        fields,
      },
    );
  }
  const fastifyErr = err as FastifyError;
  if (fastifyErr.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message = `longer than ${MAX_PARAM_LENGTH} characters`;
    return send(reply, 400, 'VALIDATION_FAILED', `Invalid params: a path parameter is ${message}`, {
      fields: [{ path: 'params', message }],
    });
  }
  // The static file plugin refuses paths no file can have (NUL, "..", "//"): they are not there.
  if (fastifyErr.code === 'FST_STATIC_FORBIDDEN_PATH') {
    return send(reply, 404, 'NOT_FOUND', `No route ${request.method} ${redactUrl(request.url).split('?')[0]}`);
  }
  const known = fastifyErr.code ? FASTIFY_CODES[fastifyErr.code] : undefined;
  if (known) return send(reply, known.status, known.code, known.message ?? fastifyErr.message);
  const status = fastifyErr.statusCode ?? 500;
  if (status === 429) {
    return send(reply, 429, 'RATE_LIMITED', 'Too many requests, try again shortly');
  }
  if (status >= 400 && status < 500) {
    return send(reply, status, codeForStatus(status), fastifyErr.message);
  }
  request.log.error({ err, reqId: request.id }, 'unhandled error');
  return send(reply, 500, 'INTERNAL_ERROR', `Something went wrong on our side (request ${request.id})`, {
    requestId: request.id,
  });
}

/**
 * Fastify's `frameworkErrors` option: errors the router raises before any route (and so before
 * any hook) runs, such as a path it cannot decode or a parameter past MAX_PARAM_LENGTH. Answered
 * like every other error, with the request id the onRequest hook would have set.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header('x-request-id', request.id);
  handleError(err, request, reply);
  // No onResponse hook runs either: this is the request's one log line.
  request.log.info(
    { method: request.method, route: 'unmatched', url: redactUrl(request.url).slice(0, 200), status: reply.statusCode },
    'request',
  );
  return reply;
}

const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request headers are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive' },
};

/**
 * Fastify's `clientErrorHandler` option: Node's HTTP parser refused the request (headers past
 * the size limit, a request that never finished, bytes that are not HTTP), so there is no request
 * or reply, only the socket. Writes one contract-shaped answer and closes, as Node would.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection is already gone: nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, message } = (err.code && CLIENT_ERRORS[err.code]) || {
    status: 400,
    message: 'The request is not valid HTTP',
  };
  if (socket.writable) {
    const body = JSON.stringify({ error: { code: codeForStatus(status), message, details: {} } });
    socket.write(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'X-Content-Type-Options: nosniff',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy(err);
}
