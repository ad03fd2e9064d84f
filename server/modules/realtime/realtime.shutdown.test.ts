import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';

// A replica told to stop (a deploy, a restart) behind nginx: nginx keeps its upstream connections
// alive, so every connection whose stream or request ends during the shutdown stays open, idle,
// until a keep-alive timeout (72 s) — far past the grace period main.ts gives the shutdown. Found by
// the soak: a replica holding 1,500 streams logged "shutdown took too long" and exited with 1.

/** Reads an answer on a keep-alive agent, which then keeps the connection as nginx does. */
function get(url: string, agent: http.Agent, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('shutting down behind a keep-alive proxy', () => {
  it('closes the connections that streams and in-flight requests leave idle, and finishes within seconds', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const t = await startTestApp({
      setup: (app) => {
        // A request still running when the shutdown begins (an order waiting on the database).
        app.get('/api/v1/test-only/slow', { config: { access: 'public' } }, async () => {
          await gate;
          return { done: true };
        });
      },
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const w = await factories(t.app).world({ tables: 1 });
      const streams = [w.owner.token, w.table1.token].map((token, i) =>
        get(`${t.url}/api/v1/${i === 0 ? 'admin' : 'table'}/stream`, agent, { authorization: `Bearer ${token}` }),
      );
      const slow = get(`${t.url}/api/v1/test-only/slow`, agent);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const started = performance.now();
      const closed = t.close();
      // The slow request finishes after the server stopped listening.
      setTimeout(release, 500);
      for (const stream of await Promise.all(streams)) {
        expect(stream.status).toBe(200);
        expect(stream.body).toContain('retry: 1000');
      }
      expect(await slow).toEqual({ status: 200, body: '{"done":true}' });
      await closed;
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      release();
      agent.destroy();
    }
  });
});
