import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import type { ImageStorage } from '../images/images.storage.js';
import { createS3Storage } from '../images/images.storage-s3.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    // A route that fails in an unexpected way, to see what a client gets for a 500.
    setup: (app) => {
      app.get('/api/v1/test-only/boom', { config: { access: 'public' } }, async () => {
        throw new Error('secret internal detail');
      });
    },
  });
});
afterAll(() => t.close());

describe('health and operations', () => {
  it('answers /health with the database and bus state', async () => {
    const res = await t.api.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok', bus: 'ok', storage: 'ok' });
  });

  it('answers 503 naming the failing part when the database is down', async () => {
    const original = t.app.database.ping;
    t.app.database.ping = async () => {
      throw new Error('connection refused');
    };
    try {
      const res = await t.api.get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'degraded', db: 'error: connection refused', bus: 'ok' });
    } finally {
      t.app.database.ping = original;
    }
  });

  it('reports storage trouble as information only, never as a 503', async () => {
    const broken = await startTestApp({
      database: t.database,
      imageStorage: failingStorage(new Error('Access Denied')),
    });
    try {
      const res = await broken.api.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', db: 'ok', bus: 'ok', storage: 'error: Access Denied' });
    } finally {
      await broken.close();
    }
  });

  it('asks the storage at most every 30 seconds and gives up on it after 2 seconds', async () => {
    let calls = 0;
    const slow = await startTestApp({
      database: t.database,
      imageStorage: {
        ...failingStorage(new Error('unused')),
        check: () => {
          calls += 1;
          return new Promise<void>(() => {}); // never answers
        },
      },
    });
    try {
      const started = Date.now();
      const [first, second] = await Promise.all([slow.api.get('/health'), slow.api.get('/health')]);
      expect(Date.now() - started).toBeLessThan(4_000);
      for (const res of [first, second]) {
        expect(res.status).toBe(200);
        expect(res.body.storage).toBe('error: storage did not answer within 2000 ms');
      }
      expect((await slow.api.get('/health')).body.storage).toMatch(/^error: /);
      expect(calls).toBe(1);
    } finally {
      await slow.close();
    }
  });

  it('checks an S3 bucket with HeadBucket: a missing bucket is reported, an existing one is ok', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tableorder-health-s3-'));
    const s3rver = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'menu-images' }],
    });
    const { port } = await s3rver.run();
    const bucket = (name: string) =>
      createS3Storage({
        bucket: name,
        region: 'ap-northeast-2',
        endpoint: `http://127.0.0.1:${port}`,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      });
    const apps: TestApp[] = [];
    try {
      for (const [name, expected] of [
        ['menu-images', /^ok$/],
        ['no-such-bucket', /^error: .*\(404\)$/],
      ] as const) {
        const app = await startTestApp({ database: t.database, imageStorage: bucket(name) });
        apps.push(app);
        const res = await app.api.get('/health');
        expect(res.status).toBe(200);
        expect(res.body.storage).toMatch(expected);
      }
    } finally {
      for (const app of apps) await app.close();
      await s3rver.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts open table sessions at scrape time', async () => {
    const gauge = async () => {
      const res = await t.api.get('/metrics');
      return Number(/^table_sessions_open (\S+)$/m.exec(res.body as string)?.[1]);
    };
    const before = await gauge();
    const f = factories(t.app);
    const w = await f.world({ tables: 2 });
    for (const table of w.tables) await f.order(table, [{ menuId: w.menus[0]!.id }]);
    await f.order(w.tables[0]!, [{ menuId: w.menus[1]!.id }]);
    expect(await gauge()).toBe(before + 2);
  });

  it('exposes Prometheus metrics with the request histogram', async () => {
    await t.api.get('/health');
    const res = await t.api.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.body).toContain('http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/route="\/health",status="200"/);
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('serves the OpenAPI document and its UI', async () => {
    const doc = await t.api.get('/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.paths['/health']).toBeDefined();
    const ui = await t.api.get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });
});

describe('error shape', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    const res = await t.api.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route GET /api/v1/nothing-here', details: {} },
    });
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await t.api.request('POST', '/api/v1/auth/table/login', '{"storeCode": "demo",', {
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('hides unexpected errors behind a generic 500 with the request id', async () => {
    const res = await t.api.get('/api/v1/test-only/boom');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('secret internal detail');
    expect(JSON.stringify(res.body)).not.toContain('at ');
    expect(res.body.error.details.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('echoes a request id on every answer and sets safe headers', async () => {
    const res = await t.api.get('/health');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

function failingStorage(err: Error): ImageStorage {
  const fail = () => Promise.reject(err);
  return { kind: 's3', put: fail, get: fail, exists: fail, delete: fail, check: fail };
}
