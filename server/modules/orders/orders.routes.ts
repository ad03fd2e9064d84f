import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import {
  CreateOrderBody,
  CreateOrderHeaders,
  Dashboard,
  MoveOrderBody,
  Order,
  TableOrders,
  UpdateOrderStatusBody,
  VoidItemsBody,
} from '../../../contract/orders.js';
import { badRequest } from '../../lib/errors.js';
import type { RoutesOptions } from '../../services.js';
import { boundSessionOf, staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';

/** Tablets order and read their session; staff watch every table and move orders along. */
export const ordersRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { orders, orderReads, orderChanges } = services;

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

  app.post(
    '/admin/tables/:id/orders',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['orders'],
        summary:
          'Staff take an order for the table (source "staff"); opens a visit if none; a repeated Idempotency-Key answers the original with 200',
        params: IdParams,
        headers: CreateOrderHeaders,
        body: CreateOrderBody,
        response: {
          200: Order,
          201: Order,
          409: ErrorResponse.describe('MENU_SOLD_OUT, OPTION_SOLD_OUT, IDEMPOTENCY_KEY_REUSED'),
          429: ErrorResponse.describe('RATE_LIMITED: the table is ordering too fast'),
        },
      },
    },
    async (request, reply) => {
      const principal = staffPrincipal(request);
      if (request.body.cartVersion !== undefined) {
        throw badRequest('BAD_REQUEST', 'Staff orders list their lines; the table’s shared cart is the table’s');
      }
      const { order, replayed } = await orders.create({
        storeId: principal.storeId,
        tableId: request.params.id,
        source: 'staff',
        items: request.body.items,
        note: request.body.note,
        idempotencyKey: request.headers['idempotency-key'],
        staff: principal,
      });
      return reply.code(replayed ? 200 : 201).send(order);
    },
  );

  app.post(
    '/admin/orders/:id/void-items',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['orders'],
        summary: 'Void part of an order’s lines (sent back, cancelled); the kitchen gets a cancel ticket',
        params: IdParams,
        body: VoidItemsBody,
        response: { 200: Order, 409: ErrorResponse.describe('VOID_EXCEEDS_QUANTITY') },
      },
    },
    async (request) => orderChanges.voidItems(staffPrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/admin/orders/:id/move',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['orders'],
        summary: 'Move an order to another table’s open visit (opened if none); nothing prints again',
        params: IdParams,
        body: MoveOrderBody,
        response: { 200: Order },
      },
    },
    async (request) => orderChanges.moveOrder(staffPrincipal(request), request.params.id, request.body.tableId),
  );
};
