import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import { CreateTableBody, Table, TableList, UpdateTableBody } from '../../../contract/tables.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal } from '../auth/auth.guard.js';

/** Staff manage the store's tables: numbers, passwords, removal. */
export const tablesRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { tables } = services;

  app.get(
    '/admin/tables',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'The store’s tables by number, with their open session',
        response: { 200: TableList },
      },
    },
    async (request) => ({ tables: await tables.list(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/tables',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'Add a table (number unique in the store)',
        body: CreateTableBody,
        response: { 201: Table, 409: ErrorResponse.describe('DUPLICATE number') },
      },
    },
    async (request, reply) => {
      const table = await tables.create(staffPrincipal(request).storeId, request.body);
      return reply.code(201).send(table);
    },
  );

  app.patch(
    '/admin/tables/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'Change a table’s number or password (a new password signs its tablet out)',
        params: IdParams,
        body: UpdateTableBody,
        response: { 200: Table, 409: ErrorResponse.describe('DUPLICATE number') },
      },
    },
    async (request) => tables.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/tables/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'Remove a table without an open session (its history is kept)',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), 409: ErrorResponse.describe('TABLE_HAS_OPEN_SESSION') },
      },
    },
    async (request, reply) => {
      await tables.remove(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
