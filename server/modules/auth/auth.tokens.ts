import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { StaffRole } from '../../../contract/auth.js';
import type { Clock } from '../../lib/clock.js';
import { unauthorized } from '../../lib/errors.js';

export type TokenClaims =
  | { kind: 'table'; sub: string; storeId: string; ver: number }
  | { kind: 'admin'; sub: string; storeId: string; role: StaffRole; ver: number }
  | { kind: 'superadmin'; sub: string; ver: number }
  /** A guest's phone: `sub` is its guest_tokens row, which says which visit it is bound to. */
  | { kind: 'guest'; sub: string; storeId: string; ver: number };

const ISSUER = 'tableorder';

export interface TokenService {
  sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }>;
  /** Throws 401 (TOKEN_EXPIRED or UNAUTHORIZED) for anything but a valid, unexpired token. */
  verify(token: string): Promise<TokenClaims>;
}

export function createTokenService(deps: { secret: string; expireHours: number; clock: Clock }): TokenService {
  // Imported once: given raw bytes, jose imports a WebCrypto key on every sign and verify, which
  // showed up on every authenticated request's profile.
  const key = crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(deps.secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
  return {
    async sign(claims) {
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + deps.expireHours * 3_600_000);
      const { sub, ...rest } = claims;
      const token = await new SignJWT(rest)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(ISSUER)
        .setIssuedAt(Math.floor(now.getTime() / 1000))
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(await key);
      return { token, expiresAt };
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await key, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          // A token without an expiry would verify forever: every token must carry one.
          requiredClaims: ['exp', 'iat', 'sub'],
          currentDate: deps.clock.now(),
        });
        return parseClaims(payload);
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw unauthorized('The token has expired', 'TOKEN_EXPIRED');
        throw unauthorized('The token is not valid');
      }
    },
  };
}

function parseClaims(payload: Record<string, unknown>): TokenClaims {
  const { kind, sub, storeId, role, ver } = payload;
  if (typeof sub !== 'string' || typeof ver !== 'number') throw new Error('bad claims');
  if (kind === 'table' && typeof storeId === 'string') return { kind, sub, storeId, ver };
  const staffRole = StaffRole.safeParse(role);
  if (kind === 'admin' && typeof storeId === 'string' && staffRole.success) {
    return { kind, sub, storeId, role: staffRole.data, ver };
  }
  if (kind === 'superadmin') return { kind, sub, ver };
  if (kind === 'guest' && typeof storeId === 'string') return { kind, sub, storeId, ver };
  throw new Error('bad claims');
}
