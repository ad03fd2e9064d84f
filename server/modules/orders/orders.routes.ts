import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import {
  CreateOrderBody,
  CreateOrderHeaders,
  Dashboard,
  Order,
  TableOrders,
  UpdateOrderStatusBody,
} from '../../../contract/orders.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';
import { createOrderReads } from './orders.read.js';
import { createOrdersService } from './orders.service.js';

/** Idempotency keys are kept at least this long, then pruned. */
const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 15 * 60_000;

/** Tablets order and read their session; staff watch every table and move orders along. */
export const ordersRoutes: FastifyPluginAsyncZod = async (app) => {
  const service = createOrdersService({
    db: app.db,
    events: app.events,
    clock: app.clock,
    limits: app.config,
    metrics: app.metrics,
  });
  const reads = createOrderReads({ db: app.db });

  app.scheduler.every('idempotency-key-prune', PRUNE_EVERY_MS, () =>
    service.pruneIdempotencyKeys(new Date(app.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS)),
  );

  const tableRoutes: FastifyPluginAsyncZod = async (table) => {
    table.addHook('onRequest', app.guards.table);

    table.post(
      '/table/orders',
      {
        schema: {
          tags: ['orders'],
          summary: 'Place an order (priced by the server); a repeated Idempotency-Key answers the original with 200',
          headers: CreateOrderHeaders,
          body: CreateOrderBody,
          response: { 200: Order, 201: Order, 400: ErrorResponse, 409: ErrorResponse },
        },
      },
      async (request, reply) => {
        const principal = tablePrincipal(request);
        const { order, replayed } = await service.create({
          storeId: principal.storeId,
          tableId: principal.tableId,
          items: request.body.items,
          idempotencyKey: request.headers['idempotency-key'],
        });
        return reply.code(replayed ? 200 : 201).send(order);
      },
    );

    table.get(
      '/table/orders',
      {
        schema: {
          tags: ['orders'],
          summary: "The table's current session: its orders, oldest first, and their total",
          response: { 200: TableOrders },
        },
      },
      async (request) => {
        const principal = tablePrincipal(request);
        return reads.tableOrders(principal.storeId, principal.tableId);
      },
    );
  };

  const staffRoutes: FastifyPluginAsyncZod = async (staff) => {
    staff.addHook('onRequest', app.guards.staff);

    staff.get(
      '/admin/dashboard',
      {
        schema: {
          tags: ['orders'],
          summary: 'Every table of the store by number, with its open session and orders',
          response: { 200: Dashboard },
        },
      },
      async (request) => reads.dashboard(staffPrincipal(request).storeId),
    );

    staff.patch(
      '/admin/orders/:id',
      {
        schema: {
          tags: ['orders'],
          summary: 'Move an order forward: pending → preparing → completed (skipping allowed)',
          params: IdParams,
          body: UpdateOrderStatusBody,
          response: { 200: Order, 404: ErrorResponse, 409: ErrorResponse },
        },
      },
      async (request) => {
        const principal = staffPrincipal(request);
        return service.updateStatus(principal, request.params.id, request.body.status);
      },
    );

    staff.delete(
      '/admin/orders/:id',
      {
        schema: {
          tags: ['orders'],
          summary: 'Delete an order: it leaves the table and its total, and stays in history as deleted',
          params: IdParams,
          response: { 204: z.null().describe('Deleted'), 404: ErrorResponse },
        },
      },
      async (request, reply) => {
        await service.remove(staffPrincipal(request), request.params.id);
        return reply.code(204).send(null);
      },
    );
  };

  // Two scopes, one guard each.
  await app.register(tableRoutes);
  await app.register(staffRoutes);
};
