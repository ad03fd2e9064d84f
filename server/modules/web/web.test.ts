import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
let dir: string;

beforeAll(async () => {
  // A stand-in for dist/web with the three apps' shells and one hashed asset.
  dir = mkdtempSync(path.join(tmpdir(), 'tableorder-web-'));
  for (const app of ['', 'admin', 'superadmin']) {
    mkdirSync(path.join(dir, app), { recursive: true });
    writeFileSync(path.join(dir, app, 'index.html'), `<!doctype html><title>${app || 'customer'}</title>`);
  }
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
  t = await startTestApp({ webDir: dir });
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const title = (html: unknown) => /<title>(.*)<\/title>/.exec(String(html))?.[1];

describe('web apps', () => {
  it.each([
    ['/', 'customer'],
    ['/orders', 'customer'],
    ['/admin', 'admin'],
    ['/admin/', 'admin'],
    ['/admin/tables/123/history', 'admin'],
    ['/superadmin', 'superadmin'],
    ['/superadmin/stores/1', 'superadmin'],
  ])('serves %s with the %s app shell, never cached', async (url, app) => {
    const res = await t.api.get(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(title(res.body)).toBe(app);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await t.api.get('/assets/app-1a2b3c.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset and unknown API routes with a JSON 404, not an app shell', async () => {
    for (const url of ['/assets/gone-000000.js', '/api/v1/nope', '/admin/missing.png']) {
      const res = await t.api.get(url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code, url).toBe('NOT_FOUND');
    }
  });
});
