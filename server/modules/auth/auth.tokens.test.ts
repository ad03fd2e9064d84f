import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** A token signed with the server's own key, with whatever claims the test wants. */
async function forge(claims: Record<string, unknown>, options: { exp?: number; iat?: boolean } = {}) {
  const key = new TextEncoder().encode(t.config.jwtSecret);
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuer('tableorder');
  if (options.iat !== false) jwt = jwt.setIssuedAt();
  if (options.exp !== undefined) jwt = jwt.setExpirationTime(options.exp);
  return jwt.sign(key);
}

describe('tokens', () => {
  it('refuses a correctly signed token that carries no expiry (it would verify forever)', async () => {
    const w = await factories(t.app).world({ tables: 1 });
    const claims = { kind: 'table', sub: w.table1.id, storeId: w.store.id, ver: 0 };
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const withExpiry = await forge(claims, { exp: inAnHour });
    expect((await t.api.get('/api/v1/table/orders', { token: withExpiry })).status).toBe(200);
    const forever = await forge(claims);
    const refused = await t.api.get('/api/v1/table/orders', { token: forever });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHORIZED');
  });

  it('lets kitchen accounts sign and use their tokens', async () => {
    const w = await factories(t.app).world({ tables: 1 });
    const kitchen = await factories(t.app).admin(w.store.id, { role: 'kitchen' });
    // A kitchen device may not read the floor's dashboard; its token itself is valid (403, not 401).
    const dashboard = await t.api.get('/api/v1/admin/dashboard', { token: kitchen.token });
    expect(dashboard.status).toBe(403);
  });
});

describe('request ids', () => {
  it('echoes a short, safe X-Request-Id and replaces anything else with its own', async () => {
    const safe = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(safe.headers.get('x-request-id')).toBe('lb-7f3a.42');
    for (const bad of ['x'.repeat(65), 'a b', '<script>alert(1)</script>', 'line\tbreak']) {
      const res = await fetch(`${t.url}/health`, { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
