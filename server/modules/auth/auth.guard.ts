import { and, eq, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { StaffRole } from '../../../contract/auth.js';
import type { Db } from '../../db/client.js';
import { guestTokens, stores, tableSessions, tables } from '../../db/schema/index.js';
import { forbidden, unauthorized } from '../../lib/errors.js';
import type { CredentialCache } from './auth.credentials.js';
import type { TokenService } from './auth.tokens.js';

export type Principal =
  | { kind: 'table'; tableId: string; storeId: string; tableNumber: number }
  /**
   * A guest's phone, bound to one visit (`sessionId`): its table is wherever that visit is now.
   * It may use the table's routes; writes check the binding under the table lock.
   */
  | {
      kind: 'guest';
      tableId: string;
      storeId: string;
      tableNumber: number;
      sessionId: string;
      guestTokenId: string;
      label: string;
    }
  | { kind: 'admin'; adminId: string; storeId: string; role: StaffRole; username: string }
  | { kind: 'superadmin'; adminId: string; username: string };

/** Who may use `/api/v1/table/*`: the table's tablet or a guest's phone at it. */
export type TablePrincipal = Extract<Principal, { kind: 'table' | 'guest' }>;
export type TabletPrincipal = Extract<Principal, { kind: 'table' }>;
export type GuestPrincipal = Extract<Principal, { kind: 'guest' }>;
export type StaffPrincipal = Extract<Principal, { kind: 'admin' }>;
export type SuperadminPrincipal = Extract<Principal, { kind: 'superadmin' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const revoked = () => unauthorized('The token has been revoked; sign in again');
const visitEnded = () =>
  unauthorized('This visit has ended; scan the table’s code again when you sit down', 'SESSION_ENDED');

/**
 * Resolves bearer tokens to live principals. The token is only a claim: every request checks
 * that the account still exists, its credential version still matches (a password change or
 * deletion revokes older tokens) and its store is still active — against the credentials kept in
 * memory and brought up to date by the event log (auth.credentials.ts), so nothing is read from
 * the database to authenticate a request.
 */
export function createPrincipalResolver(credentials: CredentialCache, tokens: TokenService, db: Db) {
  // The guest's token row, its visit and that visit's table (which a move may have changed).
  const guestCredentials = db
    .select({
      label: guestTokens.label,
      revokedAt: guestTokens.revokedAt,
      sessionId: guestTokens.sessionId,
      closedAt: tableSessions.closedAt,
      tableId: tables.id,
      number: tables.number,
      tableDeletedAt: tables.deletedAt,
      active: stores.isActive,
    })
    .from(guestTokens)
    .innerJoin(stores, eq(stores.id, guestTokens.storeId))
    .innerJoin(tableSessions, eq(tableSessions.id, guestTokens.sessionId))
    .innerJoin(tables, eq(tables.id, tableSessions.tableId))
    .where(and(eq(guestTokens.id, sql.placeholder('tokenId')), eq(guestTokens.storeId, sql.placeholder('storeId'))))
    .prepare('auth_guest_credentials');

  return async function resolvePrincipal(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match?.[1]) throw unauthorized('Sign in first: Authorization: Bearer <token> is missing');
    const claims = await tokens.verify(match[1]);

    if (claims.kind === 'table') {
      const row = await credentials.table(claims.sub);
      if (!row || row.storeId !== claims.storeId || row.ver !== claims.ver || !row.active) throw revoked();
      return { kind: 'table', tableId: claims.sub, storeId: claims.storeId, tableNumber: row.number };
    }

    if (claims.kind === 'guest') {
      const [row] = await guestCredentials.execute({ tokenId: claims.sub, storeId: claims.storeId });
      if (!row || row.revokedAt !== null || row.tableDeletedAt !== null || !row.active || !row.sessionId) {
        throw revoked();
      }
      if (row.closedAt !== null) throw visitEnded();
      return {
        kind: 'guest',
        tableId: row.tableId,
        storeId: claims.storeId,
        tableNumber: row.number,
        sessionId: row.sessionId,
        guestTokenId: claims.sub,
        label: row.label,
      };
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
export function createGuards(credentials: CredentialCache, tokens: TokenService, db: Db) {
  const resolve = createPrincipalResolver(credentials, tokens, db);
  return {
    /** The principal behind an Authorization header, checked as the guards check it. */
    resolve,
    /** A table's tablet or a guest's phone at the table. */
    table: requirePrincipal(resolve, { kinds: ['table', 'guest'] }),
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
  if (p?.kind !== 'table' && p?.kind !== 'guest') throw unauthorized();
  return p;
}

/**
 * The visit a table principal may write into: a guest's phone only its own (checked under the
 * table lock: `orders.create({ boundSessionId })`), a tablet any (undefined).
 */
export function boundSessionOf(principal: TablePrincipal): string | undefined {
  return principal.kind === 'guest' ? principal.sessionId : undefined;
}

/** How the table's shared cart and its orders name who did something: "테이블" or "손님 2". */
export function actorOf(principal: TablePrincipal): { kind: 'table' | 'guest'; label: string } {
  return principal.kind === 'guest' ? { kind: 'guest', label: principal.label } : { kind: 'table', label: '테이블' };
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
