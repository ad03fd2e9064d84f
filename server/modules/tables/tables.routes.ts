import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import { HistoryQuery, HistoryResponse } from '../../../contract/orders.js';
import { CreateTableBody, EndSessionResponse, Table, TableList, UpdateTableBody } from '../../../contract/tables.js';
import { staffPrincipal } from '../auth/auth.guard.js';
import { createOrderReads } from '../orders/orders.read.js';
import { createSessionsService } from '../sessions/sessions.service.js';
import { createTablesService } from './tables.service.js';

/** Staff manage tables, end a table's session and read its history. */
export const tablesRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createTablesService({ db: app.db, events: app.events, clock: app.clock });
  const sessions = createSessionsService({
    db: app.db,
    events: app.events,
    clock: app.clock,
    limits: app.config,
    metrics: app.metrics,
  });
  const reads = createOrderReads({ db: app.db });

  app.addHook('onRequest', app.guards.staff);

  app.get(
    '/admin/tables',
    {
      schema: {
        tags: ['tables'],
        summary: 'The store’s tables by number, with their open session',
        response: { 200: TableList },
      },
    },
    async (request) => ({ tables: await service.list(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/tables',
    {
      schema: {
        tags: ['tables'],
        summary: 'Add a table (number unique in the store)',
        body: CreateTableBody,
        response: { 201: Table, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const table = await service.create(staffPrincipal(request).storeId, request.body);
      return reply.code(201).send(table);
    },
  );

  app.patch(
    '/admin/tables/:id',
    {
      schema: {
        tags: ['tables'],
        summary: 'Change a table’s number or password (a new password signs its tablet out)',
        params: IdParams,
        body: UpdateTableBody,
        response: { 200: Table, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => service.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/tables/:id',
    {
      schema: {
        tags: ['tables'],
        summary: 'Remove a table without an open session (its history is kept)',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await service.remove(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/admin/tables/:id/end-session',
    {
      schema: {
        tags: ['tables'],
        summary: 'End the table’s session (이용 완료): its orders move to history, the total resets',
        params: IdParams,
        response: { 200: EndSessionResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => sessions.endByStaff(staffPrincipal(request).storeId, request.params.id),
  );

  app.get(
    '/admin/tables/:id/history',
    {
      schema: {
        tags: ['tables'],
        summary: 'The table’s archived and deleted orders, newest first; from/to are days in the store’s time zone',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryResponse, 404: ErrorResponse },
      },
    },
    async (request) => ({
      orders: await reads.history(staffPrincipal(request).storeId, request.params.id, request.query),
    }),
  );
};
