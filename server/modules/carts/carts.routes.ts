import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, Id } from '../../../contract/common.js';
import { AddCartItemBody, Cart, CheckoutBody, UpdateCartItemBody } from '../../../contract/guests.js';
import { CreateOrderHeaders, Order } from '../../../contract/orders.js';
import type { RoutesOptions } from '../../services.js';
import { actorOf, boundSessionOf, type TablePrincipal, tablePrincipal } from '../auth/auth.guard.js';
import type { CartActor } from './carts.service.js';

const LineParams = z.object({ lineId: Id });

const cartActor = (principal: TablePrincipal): CartActor => ({
  storeId: principal.storeId,
  tableId: principal.tableId,
  boundSessionId: boundSessionOf(principal),
  addedBy: actorOf(principal),
});

const rateLimited = ErrorResponse.describe('RATE_LIMITED: the table is changing its cart too fast');

/** The table's shared cart: its tablet and every guest's phone at the table fill one cart. */
export const cartsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { carts } = services;

  app.get(
    '/table/cart',
    {
      config: { access: 'table' },
      schema: {
        tags: ['cart'],
        summary: "The table's shared cart, priced from the menu as it is now (sold-out lines: orderable false)",
        response: { 200: Cart },
      },
    },
    async (request) => carts.read(tablePrincipal(request)),
  );

  app.post(
    '/table/cart/items',
    {
      config: { access: 'table' },
      schema: {
        tags: ['cart'],
        summary: 'Add a dish to the shared cart; the same dish, options and note add to that line (up to 99)',
        body: AddCartItemBody,
        response: {
          200: Cart,
          409: ErrorResponse.describe('MENU_SOLD_OUT or OPTION_SOLD_OUT'),
          429: rateLimited,
        },
      },
    },
    async (request) => carts.add(cartActor(tablePrincipal(request)), request.body),
  );

  app.patch(
    '/table/cart/items/:lineId',
    {
      config: { access: 'table' },
      schema: {
        tags: ['cart'],
        summary: 'Change how many of a cart line; 0 takes it out',
        params: LineParams,
        body: UpdateCartItemBody,
        response: { 200: Cart, 429: rateLimited },
      },
    },
    async (request) =>
      carts.setQuantity(cartActor(tablePrincipal(request)), request.params.lineId, request.body.quantity),
  );

  app.delete(
    '/table/cart',
    {
      config: { access: 'table' },
      schema: {
        tags: ['cart'],
        summary: 'Empty the shared cart',
        response: { 200: Cart, 429: rateLimited },
      },
    },
    async (request) => carts.clear(cartActor(tablePrincipal(request))),
  );

  app.post(
    '/table/cart/checkout',
    {
      config: { access: 'table' },
      schema: {
        tags: ['cart'],
        summary:
          'Order the shared cart as it stood at expectedVersion and empty it, in one transaction; a repeated Idempotency-Key answers the original with 200',
        headers: CreateOrderHeaders,
        body: CheckoutBody,
        response: {
          200: Order,
          201: Order,
          409: ErrorResponse.describe(
            'CART_CHANGED (someone changed the cart since you looked, or it is empty), MENU_SOLD_OUT, OPTION_SOLD_OUT or IDEMPOTENCY_KEY_REUSED',
          ),
          429: ErrorResponse.describe('RATE_LIMITED: the table is ordering too fast'),
        },
      },
    },
    async (request, reply) => {
      const { order, replayed } = await carts.checkout(
        cartActor(tablePrincipal(request)),
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.code(replayed ? 200 : 201).send(order);
    },
  );
};
