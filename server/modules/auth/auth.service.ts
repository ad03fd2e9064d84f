import { and, eq, isNull } from 'drizzle-orm';
import type {
  AdminLoginBody,
  AdminLoginResponse,
  SuperadminLoginBody,
  SuperadminLoginResponse,
  TableLoginBody,
  TableLoginResponse,
} from '../../../contract/auth.js';
import type { Db } from '../../db/client.js';
import { admins, stores, tables } from '../../db/schema/index.js';
import { forbidden, tooManyRequests, unauthorized } from '../../lib/errors.js';
import { DUMMY_HASH, verifyPassword } from '../../lib/passwords.js';
import { type Lockout, lockoutKeys } from './auth.lockout.js';
import type { TokenService } from './auth.tokens.js';

/** One answer for unknown store, unknown account and wrong password alike. */
const invalidCredentials = () => unauthorized('The store, account or password is not correct', 'INVALID_CREDENTIALS');

/**
 * The right password for an account of a deactivated store. Only someone who knows the password
 * learns the store is inactive; everyone else gets the 401 above. Staff see that they must ask the
 * operator rather than retype a password, and a tablet keeps its setup to retry later.
 */
const storeInactive = () => forbidden('This store is not active; ask the operator to reactivate it', 'STORE_INACTIVE');

const locked = (seconds: number) =>
  tooManyRequests('ACCOUNT_LOCKED', 'Too many failed sign-ins for this account; try again later', seconds);

export function createAuthService(deps: { db: Db; tokens: TokenService; lockout: Lockout }) {
  const { db, tokens, lockout } = deps;

  /**
   * The shared shape of every sign-in: get the lockout to admit the attempt before any work (it
   * is counted from then on, so parallel guesses cannot all be checked) or refuse it, always pay
   * for one bcrypt comparison (against DUMMY_HASH when there is no usable account) so every
   * failure costs the same, count failures, and clear them on success.
   */
  async function attempt<A>(
    key: string,
    password: string,
    account: A | undefined,
    hashOf: (account: A) => string | null,
  ): Promise<A> {
    const { refusedForSeconds } = await lockout.claim(key);
    if (refusedForSeconds !== null) throw locked(refusedForSeconds);
    const hash = account === undefined ? null : hashOf(account);
    const matches = await verifyPassword(password, hash ?? DUMMY_HASH);
    if (account === undefined || hash === null || !matches) {
      await lockout.recordFailure(key);
      throw invalidCredentials();
    }
    await lockout.clear(key);
    return account;
  }

  return {
    async tableLogin(body: TableLoginBody): Promise<TableLoginResponse> {
      const key = lockoutKeys.table(body.storeCode, body.tableNumber);
      const [row] = await db
        .select({
          id: tables.id,
          number: tables.number,
          passwordHash: tables.passwordHash,
          ver: tables.tokenVersion,
          storeId: stores.id,
          storeName: stores.name,
          storeActive: stores.isActive,
        })
        .from(tables)
        .innerJoin(stores, eq(stores.id, tables.storeId))
        .where(and(eq(stores.code, body.storeCode), eq(tables.number, body.tableNumber), isNull(tables.deletedAt)));
      const table = await attempt(key, body.password, row, (r) => r.passwordHash);
      if (!table.storeActive) throw storeInactive();
      const { token, expiresAt } = await tokens.sign({
        kind: 'table',
        sub: table.id,
        storeId: table.storeId,
        ver: table.ver,
      });
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        table: { id: table.id, number: table.number, storeId: table.storeId, storeName: table.storeName },
      };
    },

    async adminLogin(body: AdminLoginBody): Promise<AdminLoginResponse> {
      const key = lockoutKeys.admin(body.storeCode, body.username);
      const [row] = await db
        .select({
          id: admins.id,
          username: admins.username,
          role: admins.role,
          passwordHash: admins.passwordHash,
          ver: admins.tokenVersion,
          storeId: stores.id,
          storeName: stores.name,
          storeActive: stores.isActive,
        })
        .from(admins)
        .innerJoin(stores, eq(stores.id, admins.storeId))
        .where(and(eq(stores.code, body.storeCode), eq(admins.username, body.username)));
      const admin = await attempt(key, body.password, row, (r) => (r.role !== 'superadmin' ? r.passwordHash : null));
      if (admin.role === 'superadmin') throw invalidCredentials();
      if (!admin.storeActive) throw storeInactive();
      const { token, expiresAt } = await tokens.sign({
        kind: 'admin',
        sub: admin.id,
        storeId: admin.storeId,
        role: admin.role,
        ver: admin.ver,
      });
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        admin: {
          id: admin.id,
          username: admin.username,
          role: admin.role,
          storeId: admin.storeId,
          storeName: admin.storeName,
        },
      };
    },

    async superadminLogin(body: SuperadminLoginBody): Promise<SuperadminLoginResponse> {
      const key = lockoutKeys.superadmin(body.username);
      const [row] = await db
        .select({
          id: admins.id,
          username: admins.username,
          passwordHash: admins.passwordHash,
          ver: admins.tokenVersion,
        })
        .from(admins)
        .where(and(isNull(admins.storeId), eq(admins.role, 'superadmin'), eq(admins.username, body.username)));
      const admin = await attempt(key, body.password, row, (r) => r.passwordHash);
      const { token, expiresAt } = await tokens.sign({ kind: 'superadmin', sub: admin.id, ver: admin.ver });
      return {
        token,
        expiresAt: expiresAt.toISOString(),
        admin: { id: admin.id, username: admin.username, role: 'superadmin' },
      };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
