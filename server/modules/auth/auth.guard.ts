import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Db } from '../../db/client.js';
import { admins, stores, tables } from '../../db/schema/index.js';
import { forbidden, unauthorized } from '../../lib/errors.js';
import type { TokenService } from './auth.tokens.js';

export type Principal =
  | { kind: 'table'; tableId: string; storeId: string; tableNumber: number }
  | { kind: 'admin'; adminId: string; storeId: string; role: 'owner' | 'manager'; username: string }
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
 * Resolves a bearer token to a live principal. The token is only a claim: every request checks
 * that the account still exists, its credential version still matches (a password change or
 * deletion revokes older tokens) and its store is still active.
 */
export async function resolvePrincipal(db: Db, tokens: TokenService, header: string | undefined): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw unauthorized('Sign in first: Authorization: Bearer <token> is missing');
  const claims = await tokens.verify(match[1]);

  if (claims.kind === 'table') {
    const [row] = await db
      .select({ number: tables.number, ver: tables.tokenVersion, active: stores.isActive })
      .from(tables)
      .innerJoin(stores, eq(stores.id, tables.storeId))
      .where(and(eq(tables.id, claims.sub), eq(tables.storeId, claims.storeId), isNull(tables.deletedAt)));
    if (!row || row.ver !== claims.ver || !row.active) throw revoked();
    return { kind: 'table', tableId: claims.sub, storeId: claims.storeId, tableNumber: row.number };
  }

  const [row] = await db
    .select({
      username: admins.username,
      role: admins.role,
      storeId: admins.storeId,
      ver: admins.tokenVersion,
      active: stores.isActive,
    })
    .from(admins)
    .leftJoin(stores, eq(stores.id, admins.storeId))
    .where(eq(admins.id, claims.sub));
  if (!row || row.ver !== claims.ver) throw revoked();
  if (claims.kind === 'superadmin') {
    if (row.role !== 'superadmin') throw revoked();
    return { kind: 'superadmin', adminId: claims.sub, username: row.username };
  }
  if (row.role === 'superadmin' || row.storeId !== claims.storeId || !row.active) throw revoked();
  return { kind: 'admin', adminId: claims.sub, storeId: claims.storeId, role: row.role, username: row.username };
}

type Kind = Principal['kind'];

/**
 * A hook that lets only the given principal kinds (and, for staff, roles) through:
 * no or bad token → 401, a valid token of another kind or role → 403.
 */
export function requirePrincipal(
  db: Db,
  tokens: TokenService,
  allow: { kinds: Kind[]; roles?: Array<'owner' | 'manager'> },
): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await resolvePrincipal(db, tokens, request.headers.authorization);
    if (!allow.kinds.includes(principal.kind)) throw forbidden('This account cannot use this endpoint');
    if (principal.kind === 'admin' && allow.roles && !allow.roles.includes(principal.role)) {
      throw forbidden('Only a store owner can do this');
    }
    request.principal = principal;
  };
}

/**
 * Guards for route plugins: `app.addHook('onRequest', guards.staff)`. They run before the body is
 * read or validated, so a caller without the right token learns nothing about the input rules and
 * cannot make the server parse a large upload.
 */
export function createGuards(db: Db, tokens: TokenService) {
  return {
    table: requirePrincipal(db, tokens, { kinds: ['table'] }),
    staff: requirePrincipal(db, tokens, { kinds: ['admin'] }),
    owner: requirePrincipal(db, tokens, { kinds: ['admin'], roles: ['owner'] }),
    superadmin: requirePrincipal(db, tokens, { kinds: ['superadmin'] }),
  };
}
export type Guards = ReturnType<typeof createGuards>;

/** The principal a guard let through; routes behind `guards.table` call `tablePrincipal(request)`. */
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
