import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorCodes, ErrorResponse } from '../../../contract/common.js';
import { AppError, tooManyRequests } from '../../lib/errors.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';
import { SseStream } from './realtime.sse.js';
import type { StreamKind } from './realtime.store-hub.js';

const RETRY_AFTER_FULL_SECONDS = 5;

const StreamHeaders = z.object({
  'last-event-id': z
    .string()
    .optional()
    .describe('The `id` of the last message received: the stream replays everything after it'),
});

const streamResponses = {
  200: z
    .string()
    .describe(
      'text/event-stream: messages with `id` (cursor), `event` (type) and `data` (JSON), and `: ping` heartbeats',
    ),
  429: ErrorResponse.describe('RATE_LIMITED: too many live streams are open'),
};

/** The live streams (docs/API.md, "Live events"): every event of a store for staff, a table's own for its tablet. */
export const realtimeRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { realtime } = services;

  /** Hands the connection over to the realtime service, or answers 429 when the store is full. */
  async function openStream(
    request: FastifyRequest,
    reply: FastifyReply,
    target: {
      kind: StreamKind;
      storeId: string;
      tableId: string | null;
      adminId: string | null;
      sessionId: string | null;
    },
  ): Promise<void> {
    const authorization = request.headers.authorization;
    const header = request.headers['last-event-id'];
    // Without Last-Event-ID the stream starts at the store's cursor as of this request, read before
    // the 200 goes out: whatever commits after the client has its answer reaches it, even if the
    // stream joins its hub a moment later.
    const lastEventId = typeof header === 'string' ? header : String(await app.events.latestSeq(target.storeId));
    const verdict = realtime.reserve(target);
    if (verdict !== 'ok') {
      throw tooManyRequests(
        ErrorCodes.rateLimited,
        verdict === 'store-full'
          ? 'Too many live streams are open for this store; try again shortly'
          : 'This device already has its live streams open; close one first',
        RETRY_AFTER_FULL_SECONDS,
      );
    }
    reply.hijack();
    let stream: SseStream;
    try {
      stream = new SseStream(reply.raw);
      // Headers set by earlier hooks (request id, CORS) would be lost with the hijack.
      stream.open(reply.getHeaders());
    } catch (err) {
      realtime.release(target);
      request.log.warn({ err }, 'could not open an event stream');
      reply.raw.destroy();
      return;
    }
    request.log.info({ kind: target.kind, storeId: target.storeId, lastEventId: header }, 'event stream opened');
    stream.onClose(() =>
      request.log.info({ kind: target.kind, ms: Math.round(reply.elapsedTime) }, 'event stream closed'),
    );
    await realtime.attach({
      ...target,
      lastEventId,
      stream,
      stillAuthorized: async () => {
        try {
          await app.guards.resolve(authorization);
          return true;
        } catch (err) {
          // Only a verdict on the credentials ends the stream; a database hiccup does not.
          return !(err instanceof AppError && err.status === 401);
        }
      },
    });
  }

  app.get(
    '/admin/stream',
    {
      // Kitchen devices too: wall-mounted displays and the print agent follow the store's events.
      config: { access: 'kitchen' },
      schema: {
        tags: ['realtime'],
        summary: "Live events of the staff member's store (SSE; Last-Event-ID resumes)",
        headers: StreamHeaders,
        response: streamResponses,
      },
    },
    async (request, reply) => {
      const principal = staffPrincipal(request);
      await openStream(request, reply, {
        kind: 'admin',
        storeId: principal.storeId,
        tableId: null,
        adminId: principal.adminId,
        sessionId: null,
      });
    },
  );

  app.get(
    '/table/stream',
    {
      config: { access: 'table' },
      schema: {
        tags: ['realtime'],
        summary: "Live events of this table's orders and session, and menu changes (SSE; Last-Event-ID resumes)",
        headers: StreamHeaders,
        response: streamResponses,
      },
    },
    async (request, reply) => {
      const principal = tablePrincipal(request);
      // A guest's phone follows its visit (wherever it moves); a tablet follows its table.
      await openStream(request, reply, {
        kind: principal.kind === 'guest' ? 'guest' : 'table',
        storeId: principal.storeId,
        tableId: principal.tableId,
        adminId: null,
        sessionId: principal.kind === 'guest' ? principal.sessionId : null,
      });
    },
  );
};
