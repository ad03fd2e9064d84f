import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';

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
    expect(res.body).toEqual({ status: 'ok', db: 'ok', bus: 'ok' });
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
