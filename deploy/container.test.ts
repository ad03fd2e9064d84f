import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test/db.js';
import { createClient } from '../test/http.js';

// No Docker engine here: the Dockerfile is read for what it promises, its HEALTHCHECK command is
// run against a real app, and the file set it ships (deploy/scripts/stage-release.sh) is started
// in production mode the way the image's CMD starts it.

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(DEPLOY_DIR);
const BUILT = existsSync(path.join(ROOT, 'dist', 'server', 'main.js'));

interface Stage {
  name: string;
  base: string;
  lines: string[];
}

/** Dockerfile stages with their instructions, continuation lines joined. */
function dockerStages(text: string): Stage[] {
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of instructions) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.push({ base: from[1] ?? '', name: from[2] ?? '', lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  return stages;
}

const instruction = (stage: Stage, name: string) =>
  stage.lines
    .filter((line) => line.toUpperCase().startsWith(`${name} `))
    .map((line) => line.slice(name.length + 1).trim());

const stages = dockerStages(readFileSync(path.join(DEPLOY_DIR, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1) as Stage;

/** The exec-form HEALTHCHECK command of the runtime stage. */
function healthcheckCommand(): string[] {
  const [healthcheck] = instruction(runtime, 'HEALTHCHECK');
  const json = /CMD\s+(\[.*\])\s*$/.exec(healthcheck ?? '')?.[1];
  if (!json) throw new Error('HEALTHCHECK must use the exec form');
  return JSON.parse(json) as string[];
}

describe('Dockerfile', () => {
  it('ends with a slim Node.js runtime stage that runs as a non-root user', () => {
    expect(runtime.name).toBe('runtime');
    expect(runtime.base).toMatch(/^node:\$\{NODE_VERSION\}-slim$|^node:\d+-slim$/);
    expect(readFileSync(path.join(DEPLOY_DIR, 'Dockerfile'), 'utf8')).toMatch(/^ARG NODE_VERSION=(2[4-9]|[3-9]\d)$/m);
    const users = instruction(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('exposes the port the server listens on by default', () => {
    expect(instruction(runtime, 'EXPOSE')).toEqual([String(loadConfig({}).port)]);
  });

  it('installs only production dependencies in the runtime image', () => {
    const deps = stages.find((s) => s.name === 'deps');
    expect(instruction(deps as Stage, 'RUN').join(' ')).toContain('npm ci --omit=dev');
    expect(instruction(runtime, 'COPY')).toContain('--from=deps /app/node_modules ./node_modules');
    expect(instruction(runtime, 'RUN').join(' ')).not.toMatch(/npm (ci|install)/);
  });

  it('starts the app like `npm run serve`, without npm in between', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const [cmd] = instruction(runtime, 'CMD');
    expect((JSON.parse(cmd ?? '[]') as string[]).join(' ')).toBe(pkg.scripts.serve);
  });

  it('ships the file set of stage-release.sh', () => {
    const build = stages.find((s) => s.name === 'build') as Stage;
    expect(instruction(build, 'RUN').join(' ')).toContain('deploy/scripts/stage-release.sh /release');
    expect(instruction(runtime, 'COPY')).toContain('--from=build /release/ ./');
  });

  it('has every stage docker-compose.yml builds', () => {
    const compose = readFileSync(path.join(DEPLOY_DIR, 'docker-compose.yml'), 'utf8');
    const targets = new Set([...compose.matchAll(/^\s*target:\s*(\S+)/gm)].map((m) => m[1]));
    expect([...targets].sort()).toEqual(['nginx', 'runtime']);
    for (const target of targets) expect(stages.map((s) => s.name)).toContain(target);
  });

  it('puts into the nginx image every folder nginx.conf includes, and the apps where the server block looks', () => {
    const nginx = stages.find((s) => s.name === 'nginx') as Stage;
    const copies = instruction(nginx, 'COPY');
    const conf = readFileSync(path.join(DEPLOY_DIR, 'nginx', 'nginx.conf'), 'utf8');
    const included = [...conf.matchAll(/^\s*include\s+([a-z.]+)\/\*\.conf;/gm)].map((m) => m[1]);
    expect(included.length).toBeGreaterThan(0);
    for (const dir of [...included, 'snippets']) {
      expect(copies).toContain(`deploy/nginx/${dir}/ /etc/nginx/${dir}/`);
    }
    expect(copies).toContain('deploy/nginx/nginx.conf /etc/nginx/nginx.conf');
    const server = readFileSync(path.join(DEPLOY_DIR, 'nginx', 'conf.d', 'tableorder.conf'), 'utf8');
    const root = /^ {4}root\s+([^;]+);/m.exec(server)?.[1]; // server level, not a location's
    expect(copies).toContain(`--from=build /app/dist/web/ ${root}/`);
  });

  describe('HEALTHCHECK', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t.close();
    });

    // Asynchronous: the app under test answers from this very process.
    const runHealthcheck = (port: number) =>
      new Promise<number | null>((resolve) => {
        const [command, ...args] = healthcheckCommand();
        expect(command).toBe('node');
        execFile(command as string, args, { env: { ...process.env, PORT: String(port) }, timeout: 10_000 }, (err) =>
          resolve(err ? (typeof err.code === 'number' ? err.code : null) : 0),
        );
      });

    it('asks /health and passes while the app is healthy', async () => {
      expect(healthcheckCommand().join(' ')).toContain('/health');
      expect(await runHealthcheck(Number(new URL(t.url).port))).toBe(0);
    });

    it('fails when nothing answers', async () => {
      expect(await runHealthcheck(9)).toBe(1);
    });
  });
});

describe.skipIf(!BUILT)('the staged release (what the image and the release tarball run)', () => {
  let dir: string;
  let app: ChildProcess | undefined;
  let output = '';
  let dbName: string | undefined;

  const secrets = {
    JWT_SECRET_KEY: 'release-test-secret-0123456789-abcdefghijklmnop',
    SUPERADMIN_USERNAME: 'root-operator',
    SUPERADMIN_PASSWORD: 'release-test-password',
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tableorder-release-'));
    execFileSync(path.join(DEPLOY_DIR, 'scripts', 'stage-release.sh'), [path.join(dir, 'app')]);
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'app', 'node_modules'));
    if (TEST_DATABASE_URL) {
      dbName = `tableorder_release_${Date.now().toString(36)}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${dbName}"`);
      await admin.end();
    }
  });

  afterAll(async () => {
    if (app && app.exitCode === null) app.kill('SIGKILL');
    if (dbName) {
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>) => {
    output = '';
    const child = spawn('node', ['--enable-source-maps', 'dist/server/main.js'], {
      cwd: path.join(dir, 'app'),
      env: { PATH: process.env.PATH ?? '', ENVIRONMENT: 'production', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    return child;
  };

  it('holds the compiled server, the three apps and the migrations, and no TypeScript sources', () => {
    const app = path.join(dir, 'app');
    for (const file of [
      'dist/server/main.js',
      'dist/web/index.html',
      'dist/web/admin/index.html',
      'dist/web/superadmin/index.html',
      'server/db/migrations/meta/_journal.json',
      'package.json',
      'package-lock.json',
    ]) {
      expect(existsSync(path.join(app, file)), file).toBe(true);
    }
    expect(execFileSync('find', [path.join(app, 'server'), '-name', '*.ts'], { encoding: 'utf8' })).toBe('');
  });

  it('imports at run time only production dependencies (the image has no others)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const js = execFileSync(
      'find',
      [path.join(dir, 'app', 'dist', 'server'), path.join(dir, 'app', 'dist', 'contract'), '-name', '*.js'],
      {
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter(Boolean);
    const packages = new Set<string>();
    for (const file of js) {
      const text = readFileSync(file, 'utf8');
      // Statements only (a line that starts with import/export, or a dynamic import): prose in
      // comments such as `x from "y"` is not an import, and a specifier has no white space (a
      // quoted 'from' inside an exported object, `path: ['from']`, is no import either).
      const statements =
        /^(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"./\s][^'"\s]*)['"]|^import\s*['"]([^'"./\s][^'"\s]*)['"]|\bimport\(\s*['"]([^'"./\s][^'"\s]*)['"]\s*\)/gm;
      for (const m of text.matchAll(statements)) {
        const specifier = (m[1] ?? m[2] ?? m[3]) as string;
        if (specifier.startsWith('node:')) continue;
        packages.add(
          specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string),
        );
      }
    }
    expect(packages.size).toBeGreaterThan(5);
    expect([...packages].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });

  it('refuses to start in production without a JWT secret', async () => {
    const child = start({ PORT: '0', DATA_DIR: path.join(dir, 'data') });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output).toContain('JWT_SECRET_KEY');
  });

  it('migrates, creates the super-admin, serves API and apps, and stops cleanly on SIGTERM', async () => {
    app = start({
      ...secrets,
      PORT: '0',
      DATA_DIR: path.join(dir, 'data'),
      LOG_LEVEL: 'info',
      ...(dbName
        ? { DATABASE_URL: Object.assign(new URL(TEST_DATABASE_URL as string), { pathname: `/${dbName}` }).href }
        : {}),
      ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
    });
    const deadline = Date.now() + 80_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline && app.exitCode === null) {
      url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(url, output).toBeDefined();
    const api = createClient(url as string);

    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', db: 'ok', bus: 'ok', storage: 'ok' });

    const login = await api.post('/api/v1/auth/superadmin/login', {
      username: secrets.SUPERADMIN_USERNAME,
      password: secrets.SUPERADMIN_PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body.admin.role).toBe('superadmin');

    const admin = await api.get('/admin/tables');
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-type')).toContain('text/html');
    expect(admin.body).toContain('/assets/');

    // Production never seeds the demo store.
    const demo = await api.post('/api/v1/auth/admin/login', {
      storeCode: 'demo',
      username: 'admin',
      password: 'admin1234',
    });
    expect(demo.status).toBe(401);

    app.kill('SIGTERM');
    const [code] = await once(app, 'exit');
    expect(code).toBe(0);
  }, 120_000); // start-up alone may take 80 s on a loaded machine
});
