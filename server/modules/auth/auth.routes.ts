import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdminLoginBody,
  AdminLoginResponse,
  SuperadminLoginBody,
  SuperadminLoginResponse,
  TableLoginBody,
  TableLoginResponse,
} from '../../../contract/auth.js';
import { ErrorResponse } from '../../../contract/common.js';
import type { RoutesOptions } from '../../services.js';
import { registerSignInRateLimit } from './auth.rate-limit.js';

const failures = {
  400: ErrorResponse.describe('Invalid input'),
  401: ErrorResponse.describe('INVALID_CREDENTIALS: unknown store or account, or wrong password'),
  403: ErrorResponse.describe('STORE_INACTIVE: the right password for an account of a deactivated store'),
  429: ErrorResponse.describe(
    'ACCOUNT_LOCKED (5 failed sign-ins, 15 minutes) or RATE_LIMITED (per IP); see Retry-After',
  ),
};

/** The three sign-in endpoints; anyone may call them, within the lockout and the per-IP limit. */
export const authRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { auth } = services;

  await registerSignInRateLimit(app);

  app.post(
    '/auth/table/login',
    {
      config: { access: 'public', rateLimit: {} },
      schema: {
        tags: ['auth'],
        summary: 'Sign a tablet in with store code, table number and table password',
        body: TableLoginBody,
        response: { 200: TableLoginResponse, ...failures },
      },
    },
    async (request) => auth.tableLogin(request.body),
  );

  app.post(
    '/auth/admin/login',
    {
      config: { access: 'public', rateLimit: {} },
      schema: {
        tags: ['auth'],
        summary: 'Sign a store owner or manager in with store code, username and password',
        body: AdminLoginBody,
        response: { 200: AdminLoginResponse, ...failures },
      },
    },
    async (request) => auth.adminLogin(request.body),
  );

  app.post(
    '/auth/superadmin/login',
    {
      config: { access: 'public', rateLimit: {} },
      schema: {
        tags: ['auth'],
        summary: 'Sign the super-admin in with username and password',
        body: SuperadminLoginBody,
        response: { 200: SuperadminLoginResponse, ...failures },
      },
    },
    async (request) => auth.superadminLogin(request.body),
  );
};
