import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

async function timed(body: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  const res = await t.api.post('/api/v1/auth/admin/login', body);
  const ms = performance.now() - started;
  expect(res.status).toBe(401);
  return ms;
}

describe('sign-in timing', () => {
  it('spends about as long on an unknown store or user as on a wrong password', async () => {
    const f = factories(t.app);
    const root = await f.superadmin();
    const s = await f.store();
    // Accounts made through the API, so their hashes have the real bcrypt cost.
    const accounts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.api.post(
        `/api/v1/superadmin/stores/${s.id}/admins`,
        { username: `timing-${i}`, password: 'timing-password', role: 'manager' },
        { token: root.token },
      );
      expect(res.status).toBe(201);
      accounts.push(res.body.username);
    }

    const samples = { wrongPassword: [] as number[], unknownUser: [] as number[], unknownStore: [] as number[] };
    await timed({ storeCode: 'warm-up', username: 'warm-up', password: 'warm-up-password' });
    // Interleaved, so a noisy moment on a shared machine hits every kind alike; at most four
    // failures per account so none of them locks.
    for (let i = 0; i < 12; i++) {
      samples.wrongPassword.push(
        await timed({ storeCode: s.code, username: accounts[i % 3], password: `wrong-password-${i}` }),
      );
      samples.unknownUser.push(await timed({ storeCode: s.code, username: `ghost-${i}`, password: 'timing-password' }));
      samples.unknownStore.push(
        await timed({ storeCode: `ghost-store-${i}`, username: accounts[0], password: 'timing-password' }),
      );
    }

    const wrong = median(samples.wrongPassword);
    expect(median(samples.unknownUser)).toBeGreaterThan(wrong * 0.5);
    expect(median(samples.unknownStore)).toBeGreaterThan(wrong * 0.5);
    expect(wrong).toBeGreaterThan(median(samples.unknownUser) * 0.5);
  });
});
