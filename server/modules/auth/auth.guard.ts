import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { StaffRole } from '../../../contract/auth.js';
import { forbidden, unauthorized } from '../../lib/errors.js';
import type { CredentialCache } from './auth.credentials.js';
import type { TokenService } from './auth.tokens.js';

export type Principal =
  | { kind: 'table'; tableId: string; storeId: string; tableNumber: number }
  | { kind: 'admin'; adminId: string; storeId: string; role: StaffRole; username: string }
  | { kind: 'superadmin'; adminId: string; username: string };

export type TablePrincipal = Extract<Principal, { kind: 'table' }>;
export type StaffPrincipal = Extract<Principal, { kind: 'admin' }>;
export type SuperadminPrincipal = Extract<Principal, { kind: 'superadmin' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const revoked = () => unauthorized('The token has been revoked; sign in again');

/**
 * Resolves bearer tokens to live principals. The token is only a claim: every request checks
 * that the account still exists, its credential version still matches (a password change or
 * deletion revokes older tokens) and its store is still active — against the credentials kept in
 * memory and brought up to date by the event log (auth.credentials.ts), so nothing is read from
 * the database to authenticate a request.
 */
export function createPrincipalResolver(credentials: CredentialCache, tokens: TokenService) {
  return async function resolvePrincipal(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) throw unauthorized('Sign in first: Authorization: Bearer <token> is missing');
    const claims = await tokens.verify(match[1]);

    if (claims.kind === 'table') {
      const row = await credentials.table(claims.sub);
      if (!row || row.storeId !== claims.storeId || row.ver !== claims.ver || !row.active) throw revoked();
      return { kind: 'table', tableId: claims.sub, storeId: claims.storeId, tableNumber: row.number };
    }

    const row = await credentials.admin(claims.sub);
    if (!row || row.ver !== claims.ver) throw revoked();
    if (claims.kind === 'superadmin') {
      if (row.role !== 'superadmin') throw revoked();
      return { kind: 'superadmin', adminId: claims.sub, username: row.username };
    }
    if (row.role === 'superadmin' || row.storeId !== claims.storeId || !row.active) throw revoked();
    return { kind: 'admin', adminId: claims.sub, storeId: claims.storeId, role: row.role, username: row.username };
  };
}
export type PrincipalResolver = ReturnType<typeof createPrincipalResolver>;

type Kind = Principal['kind'];

/**
 * A hook that lets only the given principal kinds (and, for staff, roles) through:
 * no or bad token → 401, a valid token of another kind or role → 403.
 */
export function requirePrincipal(
  resolvePrincipal: PrincipalResolver,
  allow: { kinds: Kind[]; roles?: StaffRole[] },
): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await resolvePrincipal(request.headers.authorization);
    if (!allow.kinds.includes(principal.kind)) throw forbidden('This account cannot use this endpoint');
    if (principal.kind === 'admin' && allow.roles && !allow.roles.includes(principal.role)) {
      throw forbidden(
        allow.roles.length === 1 ? 'Only a store owner can do this' : 'This account cannot use this endpoint',
      );
    }
    request.principal = principal;
  };
}

/**
 * One guard per access level; auth.access.ts puts the right one first on every route that declares
 * `config: { access }`. They run before the body is
 * read or validated, so a caller without the right token learns nothing about the input rules and
 * cannot make the server parse a large upload.
 */
export function createGuards(credentials: CredentialCache, tokens: TokenService) {
  const resolve = createPrincipalResolver(credentials, tokens);
  return {
    /** The principal behind an Authorization header, checked as the guards check it. */
    resolve,
    table: requirePrincipal(resolve, { kinds: ['table'] }),
    /** Owners and managers: people running the floor. */
    staff: requirePrincipal(resolve, { kinds: ['admin'], roles: ['owner', 'manager'] }),
    /** Staff and kitchen devices (kitchen screens, the print agent). */
    kitchen: requirePrincipal(resolve, { kinds: ['admin'], roles: ['owner', 'manager', 'kitchen'] }),
    owner: requirePrincipal(resolve, { kinds: ['admin'], roles: ['owner'] }),
    superadmin: requirePrincipal(resolve, { kinds: ['superadmin'] }),
  };
}
export type Guards = ReturnType<typeof createGuards>;

/** The principal a guard let through; routes of `access: 'table'` call `tablePrincipal(request)`. */
export function tablePrincipal(request: FastifyRequest): TablePrincipal {
  const p = request.principal;
  if (p?.kind !== 'table') throw unauthorized();
  return p;
}
export function staffPrincipal(request: FastifyRequest): StaffPrincipal {
  const p = request.principal;
  if (p?.kind !== 'admin') throw unauthorized();
  return p;
}
export function superadminPrincipal(request: FastifyRequest): SuperadminPrincipal {
  const p = request.principal;
  if (p?.kind !== 'superadmin') throw unauthorized();
  return p;
}
