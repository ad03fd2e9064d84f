import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import { GuestLoginBody, GuestLoginResponse, StoreSettings, UpdateSettingsBody } from '../../../contract/guests.js';
import { CurrentTableSession, TableQr } from '../../../contract/tables.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';
import { registerSignInRateLimit } from '../auth/auth.rate-limit.js';

const noBaseUrl = ErrorResponse.describe('SERVICE_UNAVAILABLE: PUBLIC_BASE_URL is not set, so no QR code can be made');

/** Tables' QR codes, the store's guest settings, and guests' phones signing in with a code. */
export const guestsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { guests } = services;

  await registerSignInRateLimit(app, {
    perMinute: app.config.guestSignInPerIpPerMinute,
    message: 'Too many phones signed in from this address; try again shortly',
  });

  app.post(
    '/auth/guest/login',
    {
      config: { access: 'public', rateLimit: {} },
      schema: {
        tags: ['auth'],
        summary: "A guest's phone joins its table with the code of the table's QR sticker (and the visit's PIN)",
        body: GuestLoginBody,
        response: {
          200: GuestLoginResponse,
          401: ErrorResponse.describe(
            'INVALID_CREDENTIALS: unknown or rotated code; or the PIN is missing or wrong (details.pinRequired)',
          ),
          403: ErrorResponse.describe('GUEST_ORDERING_OFF, or STORE_INACTIVE'),
          409: ErrorResponse.describe(
            'TABLE_NOT_OPEN: staff or the tablet must open the table first; with details.askGuests, send guests to open it',
          ),
          429: ErrorResponse.describe('RATE_LIMITED: too many sign-ins from this address or at this table'),
        },
      },
    },
    async (request) => guests.login(request.body),
  );

  app.get(
    '/table/session',
    {
      config: { access: 'table' },
      schema: {
        tags: ['tables'],
        summary: "The table's open visit (or null), with the PIN for guests' phones on the tablet when required",
        response: { 200: CurrentTableSession },
      },
    },
    async (request) => {
      const principal = tablePrincipal(request);
      return guests.currentVisit(principal.storeId, principal.tableId, principal.kind === 'table');
    },
  );

  app.get(
    '/admin/tables/:id/qr',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: "The table's QR code: the code and the address it points to",
        params: IdParams,
        response: { 200: TableQr, 503: noBaseUrl },
      },
    },
    async (request) => guests.qr(staffPrincipal(request).storeId, request.params.id),
  );

  app.post(
    '/admin/tables/:id/qr/rotate',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['tables'],
        summary: "A new QR code for the table: the old code and every guest token from the table's phones stop working",
        params: IdParams,
        response: { 200: TableQr, 503: noBaseUrl },
      },
    },
    async (request) => guests.rotateQr(staffPrincipal(request).storeId, request.params.id),
  );

  app.get(
    '/admin/settings',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['settings'],
        summary: "The store's settings for guests' phones",
        response: { 200: StoreSettings },
      },
    },
    async (request) => guests.settings(staffPrincipal(request).storeId),
  );

  app.patch(
    '/admin/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['settings'],
        summary: "Change the store's settings for guests' phones (owners)",
        body: UpdateSettingsBody,
        response: { 200: StoreSettings },
      },
    },
    async (request) => guests.updateSettings(staffPrincipal(request).storeId, request.body),
  );
};
