import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Call,
  CallList,
  CallReasonList,
  CallsQuery,
  CreateCallBody,
  CreateCallHeaders,
  PutCallReasonsBody,
} from '../../../contract/calls.js';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';

/** Staff calls (직원 호출): tables call, staff see the list and mark calls done, and edit the presets. */
export const callsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { calls, callReads } = services;

  app.post(
    '/table/calls',
    {
      config: { access: 'table' },
      schema: {
        tags: ['calls'],
        summary:
          'Call staff with presets and a note; merges into the table’s open call (200) or makes one (201). A repeated Idempotency-Key answers the same call with 200',
        headers: CreateCallHeaders,
        body: CreateCallBody,
        response: {
          200: Call,
          201: Call,
          409: ErrorResponse.describe('IDEMPOTENCY_KEY_REUSED'),
          429: ErrorResponse.describe('RATE_LIMITED: more than 10 calls from this table in 10 minutes'),
        },
      },
    },
    async (request, reply) => {
      const principal = tablePrincipal(request);
      const { call, outcome } = await calls.create({
        storeId: principal.storeId,
        tableId: principal.tableId,
        body: request.body,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return reply.code(outcome === 'created' ? 201 : 200).send(call);
    },
  );

  app.get(
    '/table/calls',
    {
      config: { access: 'table' },
      schema: {
        tags: ['calls'],
        summary: 'The table’s calls since its last visit closed (and an open one), newest first',
        response: { 200: CallList },
      },
    },
    async (request) => {
      const principal = tablePrincipal(request);
      return { calls: await callReads.tableCalls(principal.storeId, principal.tableId) };
    },
  );

  app.get(
    '/admin/calls',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['calls'],
        summary: 'The store’s calls, newest first: every open one and the latest 200 in all',
        querystring: CallsQuery,
        response: { 200: CallList },
      },
    },
    async (request) => ({ calls: await callReads.list(staffPrincipal(request).storeId, request.query.status) }),
  );

  app.post(
    '/admin/calls/:id/done',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['calls'],
        summary: 'Mark a call done; a call already done is answered as it is',
        params: IdParams,
        response: { 200: Call },
      },
    },
    async (request) => calls.markDone(staffPrincipal(request), request.params.id),
  );

  app.get(
    '/admin/call-reasons',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['calls'],
        summary: 'The store’s call presets (물, 앞접시 …) in order',
        response: { 200: CallReasonList },
      },
    },
    async (request) => ({ reasons: await callReads.reasons(staffPrincipal(request).storeId) }),
  );

  app.put(
    '/admin/call-reasons',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['calls'],
        summary:
          'Replace the presets (1–12, in order): reasons sent with their id keep it, the others are added, the rest removed',
        body: PutCallReasonsBody,
        response: { 200: CallReasonList },
      },
    },
    async (request) => ({ reasons: await calls.putReasons(staffPrincipal(request).storeId, request.body) }),
  );
};
