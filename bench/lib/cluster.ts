import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { ROOT } from './processes.js';

// A private Redis and the repository's nginx, for runs that restart them or put replicas behind
// them (the soak). The same arrangement as the realtime cluster test.

const NGINX_DIR = path.join(ROOT, 'deploy', 'nginx');

export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  return dirs.map((dir) => path.join(dir, name)).find((file) => existsSync(file));
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A redis-server of the run's own on `port` (no persistence), so restarting it disturbs nobody. */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  constructor(
    private readonly binary: string,
    readonly port: number,
  ) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn(
      this.binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await until('redis-server to answer', async () => {
        if (probe.status !== 'ready') await probe.connect().catch(() => probe.disconnect());
        return (await probe.ping()) === 'PONG';
      });
    } finally {
      probe.disconnect();
    }
  }
  /** Dies at once, as a crashed Redis does. */
  kill(): Promise<void> {
    return stop(this.child, 'SIGKILL');
  }
}

/**
 * nginx with the repository's configuration (deploy/nginx: limits, stream location, keep-alive
 * upstream), listening on `port` in plain HTTP, with `upstreams` as the replicas.
 */
export class RepoNginx {
  private child: ChildProcess | undefined;
  private stderr = '';
  readonly prefix = mkdtempSync(path.join(tmpdir(), 'tableorder-soak-nginx-'));
  constructor(
    private readonly binary: string,
    readonly port: number,
  ) {}
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(upstreams: string[]): Promise<void> {
    const dir = this.prefix;
    cpSync(NGINX_DIR, dir, {
      recursive: true,
      filter: (src) => !/^(conf\.d|upstream\.d)(\/|$)/.test(path.relative(NGINX_DIR, src)),
    });
    mkdirSync(path.join(dir, 'conf.d'));
    mkdirSync(path.join(dir, 'upstream.d'));
    if (readFileSync(path.join(dir, 'nginx.conf'), 'utf8').includes('mime.types') && !existsSync(`${dir}/mime.types`)) {
      cpSync('/etc/nginx/mime.types', path.join(dir, 'mime.types'));
    }
    const servers = upstreams.map((address) => `    server ${address} max_fails=3 fail_timeout=10s;`).join('\n');
    const upstream = readFileSync(path.join(NGINX_DIR, 'upstream.d/tableorder.conf'), 'utf8')
      .replace(/^\s*server\s+[^;]*;\n/gm, '')
      .replace(/upstream tableorder \{\n/, (open) => `${open}${servers}\n`);
    writeFileSync(path.join(dir, 'upstream.d/tableorder.conf'), upstream);
    writeFileSync(
      path.join(dir, 'conf.d/soak.conf'),
      `server {
    listen 127.0.0.1:${this.port};
    access_log off;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    include snippets/tableorder-app.conf;
}
`,
    );
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')];
    this.child = spawn(this.binary, [...args, '-g', `daemon off; master_process on; pid ${dir}/nginx.pid;`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child.stderr?.on('data', (chunk) => {
      this.stderr += String(chunk);
    });
    await until('nginx to answer', async () => {
      if (this.child?.exitCode !== null) throw new Error(`nginx exited: ${this.stderr}${this.errorLog()}`);
      return (await fetch(`${this.url}/health`)).status === 200;
    });
  }
  errorLog(): string {
    const file = path.join(this.prefix, 'error.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }
  async stop(): Promise<void> {
    await stop(this.child, 'SIGTERM');
    rmSync(this.prefix, { recursive: true, force: true });
  }
}
