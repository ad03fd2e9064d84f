import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../server/config.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { factories } from '../test/factories.js';
import { freePort } from '../test/net.js';

// The edge of a deployment: deploy/nginx as the single server installs it (TLS, redirect, apps
// from disk, headers, gzip, limits), in a temporary prefix, in front of a real app. The realtime
// cluster test covers streams across replicas with the same configuration.

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const NGINX_DIR = path.join(DEPLOY_DIR, 'nginx');
const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((file) => existsSync(file));
const OPENSSL = spawnSync('sh', ['-c', 'command -v openssl'], { encoding: 'utf8' }).stdout.trim();
const required = process.env.TEST_REQUIRE_NGINX === '1';
const STREAM_LIMIT_UNDER_TEST = 4;

describe('nginx configuration files', () => {
  const compose = parseYaml(readFileSync(path.join(DEPLOY_DIR, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, unknown>;
  };

  it('lists the compose replicas as the upstream, on the port the app listens on', () => {
    const upstream = readFileSync(path.join(NGINX_DIR, 'upstream.d', 'tableorder.conf'), 'utf8');
    const servers = [...upstream.matchAll(/^\s*server\s+([^\s;]+)/gm)].map((m) => m[1]);
    const replicas = Object.keys(compose.services).filter((name) => /^app-\d+$/.test(name));
    expect(servers).toEqual(replicas.map((name) => `${name}:8000`));
  });

  it('limits open event streams per client address, as generously as the app limits a store', () => {
    const main = readFileSync(path.join(NGINX_DIR, 'nginx.conf'), 'utf8');
    const app = readFileSync(path.join(NGINX_DIR, 'snippets', 'tableorder-app.conf'), 'utf8');
    expect(main).toMatch(/^\s*limit_conn_zone \$binary_remote_addr zone=streams:\d+m;/m);
    expect(main).toMatch(/^\s*limit_conn_status 429;/m);
    const streams = /location ~ \^\/api\/v1\/\(admin\|table\)\/stream\$ \{([^}]*)\}/.exec(app)?.[1] ?? '';
    const limit = Number(/^\s*limit_conn streams (\d+);/m.exec(streams)?.[1]);
    // A restaurant's tablets, kitchen screens and phones share an address: never below a store's cap.
    expect(limit).toBe(loadConfig({}).sseMaxConnectionsPerStore);
    // Nowhere else: a sign-in or an order is never refused for the streams an address holds.
    expect(app.match(/limit_conn /g)).toHaveLength(1);
  });

  it('keeps /metrics to loopback and private networks', () => {
    const app = readFileSync(path.join(NGINX_DIR, 'snippets', 'tableorder-app.conf'), 'utf8');
    const block = /location = \/metrics \{([^}]*)\}/.exec(app)?.[1] ?? '';
    const rules = [...block.matchAll(/^\s*(allow|deny)\s+([^;]+);/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(rules.at(-1)).toBe('deny all');
    for (const rule of rules.slice(0, -1)) {
      expect(rule).toMatch(/^allow (127\.0\.0\.1|::1|10\.0\.0\.0\/8|172\.16\.0\.0\/12|192\.168\.0\.0\/16|fc00::\/7)$/);
    }
  });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const agent = new https.Agent({ rejectUnauthorized: false, keepAlive: true, maxSockets: 32 });

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
) {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const req = lib.request(
      target,
      { method: options.method ?? 'GET', headers: options.headers, ...(lib === https ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe.runIf(!NGINX && required)('nginx in front of the app', () => {
  it('needs nginx (TEST_REQUIRE_NGINX=1)', () => {
    expect.fail('nginx is not installed: apt-get install -y nginx');
  });
});

describe.runIf(Boolean(NGINX && OPENSSL))('nginx in front of the app', () => {
  let t: TestApp;
  let nginx: ChildProcess;
  let prefix: string;
  let httpUrl: string;
  let httpsUrl: string;
  let ownerToken: string;
  const script = 'x'.repeat(20_000);

  /** The configuration as installed on the single server, with this machine's paths and ports. */
  function render(dir: string, appAddress: string, httpPort: number, httpsPort: number) {
    cpSync(NGINX_DIR, dir, { recursive: true });
    for (const file of readdirSync(path.join(dir, 'upstream.d'))) rmSync(path.join(dir, 'upstream.d', file));
    writeFileSync(
      path.join(dir, 'upstream.d', 'tableorder.conf'),
      readFileSync(path.join(NGINX_DIR, 'upstream.single-server.conf'), 'utf8').replace('127.0.0.1:8000', appAddress),
    );
    if (!existsSync(path.join(dir, 'mime.types'))) cpSync('/etc/nginx/mime.types', path.join(dir, 'mime.types'));
    for (const sub of [
      'certs',
      'logs',
      'temp',
      'web/admin',
      'web/superadmin',
      'web/assets',
      'acme/.well-known/acme-challenge',
    ]) {
      mkdirSync(path.join(dir, sub), { recursive: true });
    }
    spawnSync(OPENSSL, [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      path.join(dir, 'certs', 'privkey.pem'),
      '-out',
      path.join(dir, 'certs', 'fullchain.pem'),
    ]);
    writeFileSync(path.join(dir, 'web', 'index.html'), '<!doctype html><title>tablet shell</title>');
    writeFileSync(path.join(dir, 'web', 'admin', 'index.html'), '<!doctype html><title>admin shell</title>');
    writeFileSync(path.join(dir, 'web', 'superadmin', 'index.html'), '<!doctype html><title>superadmin shell</title>');
    writeFileSync(path.join(dir, 'web', 'assets', 'app-0a1b2c3d.js'), script);
    writeFileSync(path.join(dir, 'acme', '.well-known', 'acme-challenge', 'token-1'), 'challenge answer');

    const confFiles = [
      'nginx.conf',
      ...['conf.d', 'snippets', 'upstream.d'].flatMap((sub) =>
        readdirSync(path.join(dir, sub)).map((file) => path.join(sub, file)),
      ),
    ];
    for (const file of confFiles) {
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8')
        .replaceAll('/etc/nginx/certs/', `${dir}/certs/`)
        .replaceAll('/var/log/nginx/', `${dir}/logs/`)
        .replaceAll('/usr/share/tableorder/web', `${dir}/web`)
        .replaceAll('/var/www/certbot', `${dir}/acme`)
        .replace(/^\s*listen \[::\]:\d+[^;]*;\n/gm, '')
        // Past the per-address stream limit at a number a test can open (the shipped one is below).
        .replace(/limit_conn streams \d+;/, `limit_conn streams ${STREAM_LIMIT_UNDER_TEST};`)
        .replace(/listen 80 /g, `listen 127.0.0.1:${httpPort} `)
        .replace(/listen 443 /g, `listen 127.0.0.1:${httpsPort} `)
        .replace(
          /^http \{\n/m,
          `http {\n    client_body_temp_path ${dir}/temp/body;\n    proxy_temp_path ${dir}/temp/proxy;\n` +
            `    fastcgi_temp_path ${dir}/temp/fastcgi;\n    uwsgi_temp_path ${dir}/temp/uwsgi;\n    scgi_temp_path ${dir}/temp/scgi;\n`,
        );
      writeFileSync(full, text);
    }
    // Worker processes run unprivileged and must read the apps.
    spawnSync('chmod', ['-R', 'a+rX', dir]);
    chmodSync(dir, 0o755);
  }

  beforeAll(async () => {
    t = await startTestApp();
    ownerToken = (await factories(t.app).world()).owner.token;
    prefix = mkdtempSync(path.join(tmpdir(), 'tableorder-edge-'));
    const [httpPort, httpsPort] = [await freePort(), await freePort()];
    render(prefix, new URL(t.url).host, httpPort, httpsPort);
    httpUrl = `http://127.0.0.1:${httpPort}`;
    httpsUrl = `https://127.0.0.1:${httpsPort}`;
    nginx = spawn(
      NGINX as string,
      [
        '-p',
        prefix,
        '-c',
        path.join(prefix, 'nginx.conf'),
        '-e',
        path.join(prefix, 'logs', 'error.log'),
        '-g',
        `daemon off; pid ${prefix}/nginx.pid;`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    nginx.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (nginx.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
      const ready = await request(`${httpsUrl}/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(async () => {
    agent.destroy();
    if (nginx && nginx.exitCode === null) {
      await new Promise<void>((resolve) => {
        nginx.once('exit', () => resolve());
        nginx.kill('SIGQUIT');
      });
    }
    await t?.close();
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  });

  it('passes `nginx -t` as CI runs it', () => {
    const check = spawnSync(path.join(DEPLOY_DIR, 'scripts', 'check-nginx.sh'), [NGINX as string], {
      encoding: 'utf8',
    });
    expect(check.status, check.stderr).toBe(0);
  });

  it('redirects plain HTTP to HTTPS, except ACME challenges', async () => {
    const redirect = await request(`${httpUrl}/admin/tables?x=1`);
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe('https://127.0.0.1/admin/tables?x=1');
    const challenge = await request(`${httpUrl}/.well-known/acme-challenge/token-1`);
    expect(challenge.status).toBe(200);
    expect(challenge.body.toString()).toBe('challenge answer');
  });

  it('serves the three app shells from disk, never cached, and leaves client-side routes to the app', async () => {
    for (const [url, title] of [
      ['/', 'tablet shell'],
      ['/admin', 'admin shell'],
      ['/admin/', 'admin shell'],
      ['/superadmin', 'superadmin shell'],
      ['/superadmin/', 'superadmin shell'],
    ] as const) {
      const res = await request(`${httpsUrl}${url}`);
      expect(res.status, url).toBe(200);
      expect(res.body.toString(), url).toContain(title);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    for (const url of ['/orders', '/admin/tables/3']) {
      const res = await request(`${httpsUrl}${url}`);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.headers['x-request-id'], `${url} answered by the app`).toBeTruthy();
    }
    // A guest's page carries a table's code: the shell, with no Referer ever sent from it.
    const guest = await request(`${httpsUrl}/q/abcdefghijklmnopqrstuvwxyz012345`);
    expect(guest.status).toBe(200);
    expect(guest.body.toString()).toContain('tablet shell');
    expect(guest.headers['referrer-policy']).toBe('no-referrer');
    const res = await request(`${httpsUrl}/`);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets for a year, compressed', async () => {
    const res = await request(`${httpsUrl}/assets/app-0a1b2c3d.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(res.headers['cache-control']).toMatch(/max-age=(31536000|315360000)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('proxies the API with each security header once', async () => {
    const health = await request(`${httpsUrl}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({ status: 'ok', db: 'ok', bus: 'ok', storage: 'ok' });
    expect(health.headers['x-frame-options']).toBe('DENY');
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['x-request-id']).toBeTruthy();
    expect(health.headers['strict-transport-security']).toBeTruthy();
  });

  it('answers /metrics to the local network', async () => {
    const metrics = await request(`${httpsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body.toString()).toContain('http_request_duration_seconds');
  });

  it('streams SSE uncompressed through TLS', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      https
        .get(
          `${httpsUrl}/api/v1/admin/stream`,
          {
            agent: false,
            rejectUnauthorized: false,
            headers: { authorization: `Bearer ${ownerToken}`, 'accept-encoding': 'gzip' },
          },
          resolve,
        )
        .on('error', reject);
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.headers['content-encoding']).toBeUndefined();
    res.destroy();
  });

  it('refuses streams past the per-address limit with 429 in the API shape; the API still answers', async () => {
    const open = (): Promise<http.IncomingMessage> =>
      new Promise((resolve, reject) => {
        https
          .get(
            `${httpsUrl}/api/v1/admin/stream`,
            { agent: false, rejectUnauthorized: false, headers: { authorization: `Bearer ${ownerToken}` } },
            resolve,
          )
          .on('error', reject);
      });
    const held: http.IncomingMessage[] = [];
    try {
      for (let i = 0; i < STREAM_LIMIT_UNDER_TEST; i++) held.push(await open());
      expect(held.map((res) => res.statusCode)).toEqual(Array(STREAM_LIMIT_UNDER_TEST).fill(200));
      const refused = await open();
      held.push(refused);
      expect(refused.statusCode).toBe(429);
      const chunks: Buffer[] = [];
      for await (const chunk of refused) chunks.push(chunk as Buffer);
      expect(JSON.parse(Buffer.concat(chunks).toString()).error.code).toBe('RATE_LIMITED');
      expect((await request(`${httpsUrl}/health`)).status).toBe(200);
    } finally {
      for (const res of held) res.destroy();
    }
    // Closed streams free their places.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await open();
    expect(again.statusCode).toBe(200);
    again.destroy();
  });

  it('refuses bodies above the upload limit in the API error shape', async () => {
    const res = await request(`${httpsUrl}/api/v1/admin/menus/00000000-0000-4000-8000-000000000000/image`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${ownerToken}` },
      body: Buffer.alloc(7 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets a restaurant of tablets sign in at once, and limits a flood of sign-ins', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 260 }, () =>
        request(`${httpsUrl}/api/v1/auth/table/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }),
      ),
    );
    const limited = attempts.filter((a) => a.status === 429);
    const passed = attempts.filter((a) => a.status !== 429);
    expect(passed.length).toBeGreaterThanOrEqual(120);
    expect(passed.every((a) => a.status === 400)).toBe(true);
    expect(limited.length).toBeGreaterThan(0);
    expect(JSON.parse(limited[0]!.body.toString()).error.code).toBe('RATE_LIMITED');
    expect(Number(limited[0]!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
