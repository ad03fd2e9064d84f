import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import {
  CreateTableBody,
  MergeTableBody,
  MoveTableBody,
  OpenTableBody,
  Table,
  TableList,
  TableSession,
  UpdateTableBody,
} from '../../../contract/tables.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';
import { toTable } from '../sessions/sessions.dto.js';

/** Staff manage the store's tables: numbers, passwords, removal. */
export const tablesRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { tables, tableMoves, sessions, guests } = services;

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

  app.post(
    '/admin/tables/:id/open',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'Open a visit at the table before anything is ordered, with how many guests sat down',
        params: IdParams,
        body: OpenTableBody,
        response: { 200: Table, 409: ErrorResponse.describe('TABLE_HAS_OPEN_SESSION') },
      },
    },
    async (request) => {
      const principal = staffPrincipal(request);
      const { table, session } = await sessions.open(principal.storeId, request.params.id, {
        guests: request.body?.guests,
        openedBy: 'staff',
        by: principal,
      });
      return toTable(table, session);
    },
  );

  app.post(
    '/table/open',
    {
      config: { access: 'table' },
      schema: {
        tags: ['tables'],
        summary: 'The tablet opens its table’s visit (asked for the guest count first when the store says so)',
        body: OpenTableBody,
        response: { 200: TableSession, 409: ErrorResponse.describe('TABLE_HAS_OPEN_SESSION') },
      },
    },
    async (request) => {
      const principal = tablePrincipal(request);
      await sessions.open(principal.storeId, principal.tableId, { guests: request.body?.guests, openedBy: 'tablet' });
      const { session } = await guests.currentVisit(principal.storeId, principal.tableId, principal.kind === 'table');
      if (!session) throw new Error('the visit just opened is not open');
      return session;
    },
  );

  app.post(
    '/admin/tables/:id/move',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'Move the table’s open visit, with all of it, to a free table (자리 이동)',
        params: IdParams,
        body: MoveTableBody,
        response: { 200: Table, 409: ErrorResponse.describe('NO_OPEN_SESSION, TABLE_HAS_OPEN_SESSION (the target)') },
      },
    },
    async (request) => {
      const principal = staffPrincipal(request);
      const moved = await tableMoves.move(principal.storeId, request.params.id, request.body.toTableId, principal);
      return moved.table;
    },
  );

  app.post(
    '/admin/tables/:id/merge',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'Join the other table’s open visit into this table’s (합석); the other visit ends as merged',
        params: IdParams,
        body: MergeTableBody,
        response: { 200: Table, 409: ErrorResponse.describe('NO_OPEN_SESSION (the other table)') },
      },
    },
    async (request) => {
      const principal = staffPrincipal(request);
      const merged = await tableMoves.merge(principal.storeId, request.params.id, request.body.fromTableId, principal);
      return merged.table;
    },
  );
};
