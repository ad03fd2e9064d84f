import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import { HistoryQuery, HistoryResponse } from '../../../contract/orders.js';
import { EndSessionResponse } from '../../../contract/tables.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal } from '../auth/auth.guard.js';

/** A table's visits: staff end the current one and read the past ones. */
export const sessionsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { sessions, sessionReads, orderReads, callReads } = services;

  app.post(
    '/admin/tables/:id/end-session',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: 'End the table’s session (이용 완료): its orders move to history, the total resets',
        params: IdParams,
        response: { 200: EndSessionResponse, 409: ErrorResponse.describe('NO_OPEN_SESSION') },
      },
    },
    async (request) => {
      const principal = staffPrincipal(request);
      return sessions.endByStaff(principal.storeId, request.params.id, principal);
    },
  );

  app.get(
    '/admin/tables/:id/history',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary:
          'The table’s past visits, their archived and deleted orders and its staff calls, newest first; from/to are days in the store’s time zone',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: HistoryResponse },
      },
    },
    async (request) => {
      const { storeId } = staffPrincipal(request);
      const [orders, visits, calls] = await Promise.all([
        orderReads.history(storeId, request.params.id, request.query),
        sessionReads.visits(storeId, request.params.id, request.query),
        callReads.history(storeId, request.params.id, request.query),
      ]);
      return { orders, visits, calls };
    },
  );
};
