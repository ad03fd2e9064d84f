import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SALES_CSV_HEADER, SalesQuery, SalesReport, StoresSalesReport } from '../../../contract/reports.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal } from '../auth/auth.guard.js';

const DATES = 'from/to are days in the store’s time zone, both included (default today; at most 366 days)';

/** Sales for owners (a manager gets 403) and the super-admin's comparison of stores. */
export const reportsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { reports } = services;

  app.get(
    '/admin/reports/sales',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['reports'],
        summary: `The store’s sales: totals, by day, by hour, top dishes, payments by method; ${DATES}`,
        querystring: SalesQuery,
        response: { 200: SalesReport },
      },
    },
    async (request) => reports.sales(staffPrincipal(request).storeId, request.query),
  );

  app.get(
    '/admin/reports/sales.csv',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['reports'],
        summary: `The sales as CSV for Excel, one row per order line; ${DATES}`,
        description: `UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting; header row \`${SALES_CSV_HEADER.join(',')}\`. Deleted orders are left out; voided quantities are shown and the amount is net of them.`,
        querystring: SalesQuery,
        response: { 200: z.string().describe('text/csv; charset=utf-8, streamed') },
      },
    },
    async (request, reply) => {
      const csv = await reports.salesCsv(staffPrincipal(request).storeId, request.query);
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csv.filename}"`)
          .header('cache-control', 'no-store')
          // A stream is sent as it is, never serialized: the string schema above is its documentation.
          .send(Readable.from(csv.chunks) as unknown as string)
      );
    },
  );

  app.get(
    '/superadmin/reports/sales',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['reports'],
        summary: `Every store’s orders and sales over the same days, each in its own time zone; ${DATES}`,
        querystring: SalesQuery,
        response: { 200: StoresSalesReport },
      },
    },
    async (request) => reports.storesSales(request.query),
  );
};
