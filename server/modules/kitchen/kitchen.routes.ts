import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import {
  AckPrintJobBody,
  BumpBody,
  ClaimPrintJobsBody,
  CreateStationBody,
  KitchenBoard,
  PrintBody,
  PrinterStatus,
  PrinterStatusBody,
  PrintJobHead,
  PrintJobList,
  PrintResponse,
  Station,
  StationList,
  UpdateStationBody,
} from '../../../contract/kitchen.js';
import { Order } from '../../../contract/orders.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal } from '../auth/auth.guard.js';

/**
 * The kitchen: stations and their printers (staff), and what kitchen devices may do — the
 * display's board, bump, reprint, and the print agent's queue and printer reports.
 */
export const kitchenRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { stations, kitchen, printJobs } = services;

  app.get(
    '/admin/stations',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'The store’s stations in order (the first takes dishes of unrouted categories), with printer state',
        response: { 200: StationList },
      },
    },
    async (request) => ({ stations: await stations.list(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/stations',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['kitchen'],
        summary: 'Add a station (placed last unless sortOrder is given); 409 DUPLICATE for a name in use',
        body: CreateStationBody,
        response: { 201: Station, 409: ErrorResponse.describe('DUPLICATE') },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await stations.create(staffPrincipal(request).storeId, request.body)),
  );

  app.patch(
    '/admin/stations/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['kitchen'],
        summary: 'Rename, move or set the printer of a station (printer null: none)',
        params: IdParams,
        body: UpdateStationBody,
        response: { 200: Station, 409: ErrorResponse.describe('DUPLICATE') },
      },
    },
    async (request) => stations.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/stations/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['kitchen'],
        summary: 'Delete a station; 409 STATION_IN_USE while a category routes to it, or when it is the last one',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), 409: ErrorResponse.describe('STATION_IN_USE') },
      },
    },
    async (request, reply) => {
      await stations.remove(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/admin/stations/:id/printer-status',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'The print agent’s report on a station’s printer (every ≤ 10 s; offline after 30 s without one)',
        params: IdParams,
        body: PrinterStatusBody,
        response: { 200: PrinterStatus },
      },
    },
    async (request) => stations.reportPrinter(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.get(
    '/admin/kitchen/orders',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'The kitchen display’s board: every live order with its lines, their stations and done times',
        response: { 200: KitchenBoard },
      },
    },
    async (request) => kitchen.board(staffPrincipal(request).storeId),
  );

  app.post(
    '/admin/orders/:id/bump',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary:
          'A station is done with an order: its lines are marked done; the first bump makes it preparing, the last completed',
        params: IdParams,
        body: BumpBody,
        response: { 200: Order },
      },
    },
    async (request) => kitchen.bump(staffPrincipal(request), request.params.id, request.body.stationId),
  );

  app.post(
    '/admin/orders/:id/print',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'Print an order’s tickets again (one station’s, or all); the print agent prints them',
        params: IdParams,
        body: PrintBody,
        response: { 200: PrintResponse },
      },
    },
    async (request) => kitchen.reprint(staffPrincipal(request), request.params.id, request.body.stationId),
  );

  app.get(
    '/admin/print-jobs/head',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'The newest queue position of the store’s tickets: a new print agent starts after it',
        response: { 200: PrintJobHead },
      },
    },
    async (request) => ({ seq: await printJobs.head(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/print-jobs/claim',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'Lease the oldest tickets of one printer’s stations, in queue order (print, then acknowledge each)',
        body: ClaimPrintJobsBody,
        response: { 200: PrintJobList },
      },
    },
    async (request) => ({ jobs: await printJobs.claim(staffPrincipal(request).storeId, request.body) }),
  );

  app.post(
    '/admin/print-jobs/:id/ack',
    {
      config: { access: 'kitchen' },
      schema: {
        tags: ['kitchen'],
        summary: 'The printer took the ticket: it is never handed out again',
        params: IdParams,
        body: AckPrintJobBody,
        response: { 204: z.null().describe('Acknowledged') },
      },
    },
    async (request, reply) => {
      await printJobs.ack(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
