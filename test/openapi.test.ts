import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

interface Operation {
  security?: unknown[];
  responses: Record<string, unknown>;
}

describe('the OpenAPI document', () => {
  it('lists the shared error answers on every API route, and 401/403 on every signed-in one', async () => {
    const doc = await t.api.get('/api/docs/json');
    const missing: string[] = [];
    let signedIn = 0;
    let open = 0;
    for (const [path, operations] of Object.entries(doc.body.paths as Record<string, Record<string, Operation>>)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, op] of Object.entries(operations)) {
        if (method === 'head') continue;
        const codes = Object.keys(op.responses);
        const needed = ['400', '404'];
        if (op.security?.length) {
          signedIn++;
          needed.push('401', '403');
        } else {
          open++;
        }
        for (const code of needed) if (!codes.includes(code)) missing.push(`${method.toUpperCase()} ${path}: ${code}`);
      }
    }
    expect(missing).toEqual([]);
    expect(signedIn).toBeGreaterThan(20);
    // The four sign-ins (tablets, staff, super-admin, guests' phones) are the only open API routes.
    expect(open).toBe(4);
  });
});
