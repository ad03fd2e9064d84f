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
import type { RoutesOptions } from '../../services.js';
import { boundSessionOf, staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';

/** Tablets order and read their session; staff watch every table and move orders along. */
export const ordersRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { orders, orderReads } = services;

  app.post(
    '/table/orders',
    {
      config: { access: 'table' },
      schema: {
        tags: ['orders'],
        summary: 'Place an order (priced by the server); a repeated Idempotency-Key answers the original with 200',
        headers: CreateOrderHeaders,
        body: CreateOrderBody,
        response: {
          200: Order,
          201: Order,
          409: ErrorResponse.describe(
            'MENU_SOLD_OUT, OPTION_SOLD_OUT, IDEMPOTENCY_KEY_REUSED, or CART_CHANGED (with cartVersion)',
          ),
          429: ErrorResponse.describe('RATE_LIMITED: the table is ordering too fast'),
        },
      },
    },
    async (request, reply) => {
      const principal = tablePrincipal(request);
      const { cartVersion } = request.body;
      const { order, replayed } = await orders.create({
        storeId: principal.storeId,
        tableId: principal.tableId,
        source: principal.kind === 'guest' ? 'guest' : 'table',
        // Lines read from the shared cart order the cart itself, as it stood at that version.
        ...(cartVersion === undefined ? { items: request.body.items } : { fromCart: { expectedVersion: cartVersion } }),
        note: request.body.note,
        idempotencyKey: request.headers['idempotency-key'],
        boundSessionId: boundSessionOf(principal),
      });
      return reply.code(replayed ? 200 : 201).send(order);
    },
  );

  app.get(
    '/table/orders',
    {
      config: { access: 'table' },
      schema: {
        tags: ['orders'],
        summary: "The table's current session: its orders, oldest first, and their total",
        response: { 200: TableOrders },
      },
    },
    async (request) => {
      const principal = tablePrincipal(request);
      return orderReads.tableOrders(principal.storeId, principal.tableId);
    },
  );

  app.get(
    '/admin/dashboard',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['orders'],
        summary: 'Every table of the store by number, with its open session and orders',
        response: { 200: Dashboard },
      },
    },
    async (request) => orderReads.dashboard(staffPrincipal(request).storeId),
  );

  app.patch(
    '/admin/orders/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['orders'],
        summary: 'Move an order forward: pending → preparing → completed (skipping allowed)',
        params: IdParams,
        body: UpdateOrderStatusBody,
        response: { 200: Order, 409: ErrorResponse.describe('ORDER_TRANSITION') },
      },
    },
    async (request) => orders.updateStatus(staffPrincipal(request), request.params.id, request.body.status),
  );

  app.delete(
    '/admin/orders/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['orders'],
        summary: 'Delete an order: it leaves the table and its total, and stays in history as deleted',
        params: IdParams,
        response: { 204: z.null().describe('Deleted') },
      },
    },
    async (request, reply) => {
      await orders.remove(staffPrincipal(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
