import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { factories } from '../../test/factories.js';

/**
 * Requests that fail before any route runs — in the router, the static file plugin or Node's HTTP
 * parser — still answer in the contract's error shape. Raw HTTP, because a URL class (fetch's,
 * inject's) would normalize or refuse these paths before sending them.
 */

let t: TestApp;
let token: string;
let webDir: string;

beforeAll(async () => {
  // Built apps to serve, so the static file plugin is in the path as in production.
  webDir = mkdtempSync(path.join(tmpdir(), 'tableorder-web-'));
  for (const app of ['', 'admin', 'superadmin']) {
    mkdirSync(path.join(webDir, app), { recursive: true });
    writeFileSync(path.join(webDir, app, 'index.html'), '<!doctype html><title>app</title>');
  }
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'assets', 'index.js'), 'console.log(1)');
  t = await startTestApp({ webDir });
  const w = await factories(t.app).world({ tables: 1 });
  token = w.manager.token;
});
afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {}
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function expectContractError(res: RawResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object) } });
}

describe('errors raised before any route runs', () => {
  it('answers broken percent-encoding in the path with 400 BAD_REQUEST', async () => {
    for (const path of [
      '/api/v1/admin/tables/%E0%A4%A/history',
      '/api/v1/admin/orders/%E0%A4%A',
      '/assets/%E0%A4%A.js',
      '/%',
    ]) {
      const res = await raw('GET', path, { authorization: `Bearer ${token}` });
      expectContractError(res, 400, 'BAD_REQUEST');
      expect(res.headers['x-request-id'], path).toEqual(expect.any(String));
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
  });

  it('answers a path parameter past the router limit with 400 VALIDATION_FAILED', async () => {
    const res = await raw('PATCH', `/api/v1/admin/orders/${'a'.repeat(5000)}`, {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    });
    expectContractError(res, 400, 'VALIDATION_FAILED');
    expect(res.body.error.details.fields).toEqual([{ path: 'params', message: expect.any(String) }]);
    // The message names the limit, not the 5000 characters sent.
    expect(res.body.error.message.length).toBeLessThan(200);
  });

  it('answers oversized headers with 431 in the contract shape', async () => {
    const res = await raw('GET', '/api/v1/admin/dashboard', { authorization: `Bearer ${'a'.repeat(20 * 1024)}` });
    expectContractError(res, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE');
  });

  it('answers paths that no file or route can have with 404 NOT_FOUND', async () => {
    for (const path of ['/%00', '/api/v1/x%00', '/admin/%00', '/../../etc/passwd', '/assets//index.js']) {
      const res = await raw('GET', path);
      expectContractError(res, 404, 'NOT_FOUND');
    }
  });

  it('answers bytes that are not HTTP with 400 in the contract shape', async () => {
    const { hostname, port } = new URL(t.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk;
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('content-type: application/json');
    expect(JSON.parse(body)).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String), details: {} } });
  });

  it('gives every other 4xx a code that agrees with its status', async () => {
    // The static file plugin's own errors, such as a range past the end of a file.
    const res = await raw('GET', '/index.html', { range: 'bytes=99999999-' });
    expectContractError(res, 416, 'RANGE_NOT_SATISFIABLE');
  });

  it('still serves the apps and answers unknown API routes as before', async () => {
    expectContractError(await raw('GET', '/api/v1/nothing'), 404, 'NOT_FOUND');
    const health = await raw('GET', '/health');
    expect(health.status).toBe(200);
    expect((await raw('GET', '/assets/index.js')).status).toBe(200);
    expect((await raw('GET', '/admin/orders')).status).toBe(200);
  });
});
