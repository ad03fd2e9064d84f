import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

function send(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown> = {},
) {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: { code, message, details } });
}

/** Fastify's own 4xx errors, translated to stable codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
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
};

/**
 * One error handler for the whole app: AppError → its status and code, schema validation → 400
 * VALIDATION_FAILED with the failing fields, Fastify's client errors → their status, anything else
 * → a generic 500 logged with the request id (never a stack trace in the body).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
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
    const known = fastifyErr.code ? FASTIFY_CODES[fastifyErr.code] : undefined;
    if (known) return send(reply, known.status, known.code, known.message ?? fastifyErr.message);
    const status = fastifyErr.statusCode ?? 500;
    if (status === 429) {
      return send(reply, 429, 'RATE_LIMITED', 'Too many requests, try again shortly');
    }
    if (status >= 400 && status < 500) {
      return send(reply, status, 'BAD_REQUEST', fastifyErr.message);
    }
    request.log.error({ err, reqId: request.id }, 'unhandled error');
    return send(reply, 500, 'INTERNAL_ERROR', `Something went wrong on our side (request ${request.id})`, {
      requestId: request.id,
    });
  });
}
