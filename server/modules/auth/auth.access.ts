import type { FastifyInstance, onRequestHookHandler, RouteOptions } from 'fastify';
import { ErrorResponse } from '../../../contract/common.js';
import type { Guards } from './auth.guard.js';

/**
 * Who may call a route. Every `/api/v1` route says which, in `config.access`: `table` (a tablet,
 * or a guest's phone at that table), `staff` (owners and managers), `kitchen` (staff and kitchen
 * devices), `owner`, `superadmin`, or `public`.
 */
export type Access = 'public' | 'table' | 'staff' | 'kitchen' | 'owner' | 'superadmin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; the guard and the documented 401/403 follow from it. */
    access?: Access;
  }
}

const API_PREFIX = '/api/v1/';

/** The answers every API route may give, documented once. */
const COMMON_ERRORS = {
  400: ErrorResponse.describe('VALIDATION_FAILED (with the failing fields) or another bad-input code'),
  404: ErrorResponse.describe('NOT_FOUND — also for another store’s or table’s resource'),
};
const SIGNED_IN_ERRORS = {
  401: ErrorResponse.describe('UNAUTHORIZED, TOKEN_EXPIRED or SESSION_ENDED: sign in (again)'),
  403: ErrorResponse.describe('FORBIDDEN: this kind of account or role may not do this'),
};

/**
 * Attaches authorization one way for the whole API: each route declares `config: { access }`;
 * this hook puts the matching guard first among the route's `onRequest` hooks (so a caller
 * without the right token is refused before the body is read) and adds the shared error answers
 * and the bearer requirement to its OpenAPI entry. An API route without a declared access is a
 * programming error and stops the app from starting.
 */
export function registerAccessControl(app: FastifyInstance, guards: Guards): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const access = route.config?.access;
    if (access === undefined) {
      if (route.url.startsWith(API_PREFIX)) {
        throw new Error(`${String(route.method)} ${route.url} declares no access (config.access)`);
      }
      return;
    }
    if (access !== 'public') {
      const guard: onRequestHookHandler = guards[access];
      const own = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [guard, ...own];
    }
    if (route.schema && !route.schema.hide) {
      route.schema.response = {
        ...COMMON_ERRORS,
        ...(access === 'public' ? {} : SIGNED_IN_ERRORS),
        ...(route.schema.response as object | undefined),
      };
      (route.schema as { security?: unknown }).security ??= access === 'public' ? [] : [{ bearer: [] }];
    }
  });
}
