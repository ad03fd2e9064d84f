import { type ExecFileOptions, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createClient } from '../test/http.js';
import { freePort } from '../test/net.js';
import { connectSse } from '../test/sse.js';

// The images built from deploy/Dockerfile, run on a Docker engine: `npm run test:container`
// (deploy/container-test/run.sh) builds them and runs this file with CONTAINER_TEST_IMAGE and
// CONTAINER_TEST_NGINX_IMAGE set; `npm test` skips it. Everything listens on 127.0.0.1 only.

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(DEPLOY_DIR);
const IMAGE = process.env.CONTAINER_TEST_IMAGE;
const NGINX_IMAGE = process.env.CONTAINER_TEST_NGINX_IMAGE;
const FIGURES = process.env.CONTAINER_TEST_FIGURES;
const PREFIX = `tableorder-ct-${process.pid}`;
const SECRETS = {
  JWT_SECRET_KEY: 'container-test-secret-0123456789abcdefghijklmnopqrstuv',
  SUPERADMIN_USERNAME: 'root-operator',
  SUPERADMIN_PASSWORD: 'container-test-password',
  PUBLIC_BASE_URL: 'https://order.example.com',
};

function run(command: string, args: string[], options: ExecFileOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, ...options }, (err, stdout, stderr) =>
      err
        ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || err.message}`))
        : resolve(String(stdout).trim()),
    );
  });
}
const docker = (...args: string[]) => run('docker', args);

/** A figure for the summary of run.sh (and the log). */
function figure(name: string, value: string) {
  console.log(`FIGURE ${name}: ${value}`);
  if (FIGURES) writeFileSync(FIGURES, `${name}: ${value}\n`, { flag: 'a' });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const healthStatus = (container: string) => docker('inspect', '-f', '{{.State.Health.Status}}', container);

describe.skipIf(!IMAGE)('the app image on the embedded database (PGlite in its volume)', () => {
  const container = `${PREFIX}-pglite`;
  const volume = `${PREFIX}-data`;
  let url: string;
  let started: number;

  const start = async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    started = performance.now();
    await docker(
      'run',
      '-d',
      '--name',
      container,
      '-p',
      `127.0.0.1:${port}:8000`,
      '-v',
      `${volume}:/app/data`,
      ...Object.entries(SECRETS).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      IMAGE as string,
    );
  };

  beforeAll(async () => {
    await start();
  }, 300_000); // vfs: a new container first copies its whole image
  afterAll(async () => {
    await docker('rm', '-f', container).catch(() => {});
    await docker('volume', 'rm', '-f', volume).catch(() => {});
  }, 120_000);

  it('runs as its non-root user and answers /health, then the HEALTHCHECK reports healthy', async () => {
    expect(await docker('inspect', '-f', '{{.Config.User}}', container)).toBe('node');
    expect(await docker('exec', container, 'id', '-u')).not.toBe('0');
    const health = await until('/health', async () => {
      const res = await fetch(`${url}/health`);
      return res.status === 200 ? ((await res.json()) as Record<string, string>) : undefined;
    });
    figure('PGlite container: start to /health 200', `${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(health).toEqual({ status: 'ok', db: 'ok', bus: 'ok', storage: 'ok' });
    await until('HEALTHCHECK healthy', async () => ((await healthStatus(container)) === 'healthy' ? true : undefined));
    figure('PGlite container: start to HEALTHCHECK healthy', `${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Writes only where it may: the data volume.
    await expect(docker('exec', container, 'touch', '/app/dist/x')).rejects.toThrow();
  }, 120_000);

  it('finishes an in-flight request and tells SSE clients to reconnect on SIGTERM (docker stop)', async () => {
    const api = createClient(url);
    const root = await api.post('/api/v1/auth/superadmin/login', {
      username: SECRETS.SUPERADMIN_USERNAME,
      password: SECRETS.SUPERADMIN_PASSWORD,
    });
    expect(root.status).toBe(200);
    const store = await api.post(
      '/api/v1/superadmin/stores',
      { code: 'kept', name: '남는 가게' },
      { token: root.body.token },
    );
    expect(store.status).toBe(201);
    await api.post(
      `/api/v1/superadmin/stores/${store.body.id}/admins`,
      { username: 'owner', password: 'owner-password-1', role: 'owner' },
      { token: root.body.token },
    );
    const owner = await api.post('/api/v1/auth/admin/login', {
      storeCode: 'kept',
      username: 'owner',
      password: 'owner-password-1',
    });
    const stream = await connectSse(`${url}/api/v1/admin/stream`, { token: owner.body.token });
    expect(stream.status).toBe(200);

    // A sign-in whose body arrives in two halves, with the stop in between.
    const body = JSON.stringify({ storeCode: 'kept', username: 'owner', password: 'owner-password-1' });
    const { port } = new URL(url);
    const answer = new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/auth/admin/login',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => request.end(body.slice(10)), 1_500);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopStarted = performance.now();
    const stopped = docker('stop', '-t', '20', container);
    expect(await answer).toBe(200);
    await stream.done;
    expect(stream.retries).toEqual([1000]);
    await stopped;
    figure(
      'graceful stop (docker stop, one request in flight)',
      `${((performance.now() - stopStarted) / 1000).toFixed(1)} s`,
    );
    expect(await docker('inspect', '-f', '{{.State.ExitCode}}', container)).toBe('0');
  }, 60_000);

  it('keeps its data across a restart of the container', async () => {
    const restarted = performance.now();
    await docker('start', container);
    await until('/health after restart', async () =>
      (await fetch(`${url}/health`)).status === 200 ? true : undefined,
    );
    figure('PGlite container: restart to /health 200', `${((performance.now() - restarted) / 1000).toFixed(1)} s`);
    const api = createClient(url);
    const owner = await api.post('/api/v1/auth/admin/login', {
      storeCode: 'kept',
      username: 'owner',
      password: 'owner-password-1',
    });
    expect(owner.status).toBe(200);
  }, 120_000);
});

describe.skipIf(!IMAGE || !NGINX_IMAGE)(
  'docker-compose.yml: PostgreSQL, Redis, two app containers and the nginx container',
  () => {
    const project = `${PREFIX}-compose`;
    let dir: string;
    let ports: { https: number; app1: number; app2: number };
    const compose = (...args: string[]) =>
      run('docker-compose', ['-p', project, '-f', path.join(dir, 'deploy', 'docker-compose.yml'), ...args], {
        cwd: dir,
      });

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'tableorder-compose-'));
      mkdirSync(path.join(dir, 'deploy', 'certs'), { recursive: true });
      mkdirSync(path.join(dir, 'deploy', 'acme'));
      ports = { https: await freePort(), app1: await freePort(), app2: await freePort() };
      // The repository's compose file with only what a test on a shared machine must change:
      // the images just built, ports on loopback (and each replica reachable for its /metrics),
      // volumes of its own.
      const file = parseYaml(readFileSync(path.join(DEPLOY_DIR, 'docker-compose.yml'), 'utf8'), { merge: true });
      // The replicas share one parsed object (a YAML alias): each gets its own copy first.
      const services = file.services as Record<string, Record<string, unknown>>;
      for (const [name, service] of Object.entries(services)) services[name] = structuredClone(service);
      for (const [name, service] of Object.entries(services)) {
        delete service.build;
        if (name.startsWith('app-')) {
          service.image = IMAGE;
          service.ports = [`127.0.0.1:${name === 'app-1' ? ports.app1 : ports.app2}:8000`];
        }
        if (name === 'nginx') {
          service.image = NGINX_IMAGE;
          service.ports = [`127.0.0.1:${ports.https}:443`];
        }
      }
      for (const volume of Object.values(file.volumes as Record<string, { name: string }>))
        volume.name = `${project}_${volume.name}`;
      delete file['x-app'];
      delete file['x-logging'];
      // Strings quoted: docker-compose 1.29 reads YAML 1.1, where a bare `no` is false.
      writeFileSync(
        path.join(dir, 'deploy', 'docker-compose.yml'),
        stringifyYaml(file, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }),
      );
      writeFileSync(path.join(dir, 'deploy', '.env'), `POSTGRES_PASSWORD=${randomUUID()}\n`);
      writeFileSync(
        path.join(dir, 'deploy', 'tableorder.env'),
        Object.entries(SECRETS)
          .map(([k, v]) => `${k}=${v}\n`)
          .join(''),
      );
      await run('openssl', [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
        ...[
          '-keyout',
          path.join(dir, 'deploy', 'certs', 'privkey.pem'),
          '-out',
          path.join(dir, 'deploy', 'certs', 'fullchain.pem'),
        ],
      ]);
    });
    afterAll(async () => {
      await compose('down', '-v', '--remove-orphans').catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }, 300_000);

    it('comes up healthy: migrations once, both replicas behind nginx', async () => {
      const started = performance.now();
      await compose('up', '-d');
      await until(
        'both replicas healthy',
        async () => {
          const states = await Promise.all(
            ['app-1', 'app-2'].map(async (s) => healthStatus(await compose('ps', '-q', s))),
          );
          return states.every((s) => s === 'healthy') ? true : undefined;
        },
        400_000,
      );
      figure('compose: up to both replicas healthy', `${((performance.now() - started) / 1000).toFixed(1)} s`);
      for (const port of [ports.app1, ports.app2]) {
        expect(await (await fetch(`http://127.0.0.1:${port}/health`)).json()).toEqual({
          status: 'ok',
          db: 'ok',
          bus: 'ok',
          storage: 'ok',
        });
      }
    }, 600_000);

    it('delivers an order placed on one replica to a dashboard on the other through the nginx container (cluster test)', async () => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'server/modules/realtime/cluster.test.ts'],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            TEST_DATABASE_URL: '',
            TEST_REDIS_URL: '',
            CLUSTER_NGINX_URL: `https://127.0.0.1:${ports.https}`,
            CLUSTER_REPLICA_URLS: `http://127.0.0.1:${ports.app1},http://127.0.0.1:${ports.app2}`,
            CLUSTER_SUPERADMIN: `${SECRETS.SUPERADMIN_USERNAME}:${SECRETS.SUPERADMIN_PASSWORD}`,
            NODE_EXTRA_CA_CERTS: path.join(dir, 'deploy', 'certs', 'fullchain.pem'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const [code] = await once(child, 'exit');
      expect(code, output).toBe(0);
      const latencies = /order sent to one replica → on the dashboard of the other \(via Redis and nginx\): (.*)/.exec(
        output,
      )?.[1];
      expect(latencies, output).toBeDefined();
      figure('cluster test through the nginx container: order → other replica’s dashboard', latencies as string);
      // The nginx container's log is the container's output, as a JSON line per request.
      expect(await compose('logs', '--no-color', 'nginx')).toContain('"uri":"/api/v1/admin/stream"');
    }, 120_000);

    it('is read by docker-compose itself (`config`), and caps every container as the file says', async () => {
      const limits = await docker(
        'inspect',
        '-f',
        '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.LogConfig.Config}}',
        await compose('ps', '-q', 'app-1'),
      );
      expect(limits).toBe('805306368 1000000000 map[max-file:5 max-size:10m]');
    });
  },
);
