import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdempotencyKey, IdParams } from '../../../contract/common.js';
import { Bill, CreatePaymentBody, Payment } from '../../../contract/payments.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';

const PaymentHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/** Checkout: the bill of a table's visit, payments staff record, refunds. */
export const paymentsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { payments } = services;

  app.get(
    '/admin/tables/:id/bill',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['payments'],
        summary: 'The bill of the table’s open visit: total, paid, due (negative: to give back), payments',
        params: IdParams,
        response: { 200: Bill },
      },
    },
    async (request) => payments.bill(staffPrincipal(request).storeId, request.params.id, true),
  );

  app.get(
    '/table/bill',
    {
      config: { access: 'table' },
      schema: {
        tags: ['payments'],
        summary: 'The bill of the table’s open visit (주문 내역 / 결제 현황), without staff names',
        response: { 200: Bill },
      },
    },
    async (request) => {
      const principal = tablePrincipal(request);
      return payments.bill(principal.storeId, principal.tableId, false);
    },
  );

  app.post(
    '/admin/tables/:id/payments',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['payments'],
        summary:
          'Record a payment of the table’s open visit; a repeated Idempotency-Key (per table) answers the same payment with 200',
        params: IdParams,
        headers: PaymentHeaders,
        body: CreatePaymentBody,
        response: {
          200: Payment,
          201: Payment,
          409: ErrorResponse.describe('OVERPAYMENT (more than is due), NO_OPEN_SESSION, IDEMPOTENCY_KEY_REUSED'),
        },
      },
    },
    async (request, reply) => {
      const principal = staffPrincipal(request);
      const { payment, replayed } = await payments.create(
        principal,
        request.params.id,
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.code(replayed ? 200 : 201).send(payment);
    },
  );

  app.delete(
    '/admin/payments/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['payments'],
        summary: 'Refund a payment: it stays on the visit, marked refunded with who and when',
        params: IdParams,
        response: { 204: z.null().describe('Refunded') },
      },
    },
    async (request, reply) => {
      await payments.refund(staffPrincipal(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
