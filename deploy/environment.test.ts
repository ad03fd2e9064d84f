import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONFIG_ALIASES, CONFIG_VARIABLES, ConfigError, loadConfig } from '../server/config.js';

// Every deployment file that names environment variables must name ones the server reads:
// a typo there is a setting that silently does nothing in production.

const DEPLOY_DIR = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string) => readFileSync(path.join(DEPLOY_DIR, file), 'utf8');

/** The AWS SDK reads these itself (S3 outside EC2, or an S3-compatible endpoint). */
const AWS_SDK_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'];
const KNOWN = new Set([...CONFIG_VARIABLES, ...Object.keys(CONFIG_ALIASES), ...AWS_SDK_VARIABLES]);

const unknown = (names: Iterable<string>) => [...names].filter((name) => !KNOWN.has(name));

/** `NAME=value` lines of an env file; with `commented`, also `# NAME=value` lines. */
function envFileNames(text: string, commented: boolean): string[] {
  const pattern = commented ? /^#?\s*([A-Z][A-Z0-9_]*)=/ : /^([A-Z][A-Z0-9_]*)=/;
  return text
    .split('\n')
    .map((line) => pattern.exec(line.trim())?.[1])
    .filter((name): name is string => Boolean(name));
}

function envFileValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1]) values[match[1]] = match[2] ?? '';
  }
  return values;
}

describe('.env.production.example', () => {
  const example = read('.env.production.example');

  it('lists every variable the server reads', () => {
    const listed = new Set(envFileNames(example, true));
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(10);
    expect(CONFIG_VARIABLES.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('names no variable the server does not read, and no alias (one name per setting)', () => {
    expect(unknown(envFileNames(example, true))).toEqual([]);
    expect(envFileNames(example, true).filter((name) => name in CONFIG_ALIASES)).toEqual([]);
  });

  it('is refused as it stands (no JWT secret, no super-admin password)', () => {
    const env = envFileValues(example);
    expect(env.ENVIRONMENT).toBe('production');
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('JWT_SECRET_KEY');
    expect(problems).toContain('SUPERADMIN_USERNAME / SUPERADMIN_PASSWORD');
  });

  it('starts a production config once the two secrets are filled in', () => {
    const config = loadConfig({
      ...envFileValues(example),
      JWT_SECRET_KEY: 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(16),
      SUPERADMIN_PASSWORD: 'long-enough-password',
    });
    expect(config.isProduction).toBe(true);
    expect(config.warnings).toEqual([]);
    expect(config.port).toBe(8000);
    expect(config.superadmin?.username).toBe('superadmin');
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
    expect(config.redisUrl).toMatch(/^redis:\/\//);
  });
});

describe('docker-compose.yml', () => {
  const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string>; env_file?: string; build?: { target?: string } }>;
  };
  const apps = Object.entries(compose.services).filter(([, s]) => s.build?.target === 'runtime');

  it('runs two app replicas from the runtime image', () => {
    expect(apps.map(([name]) => name)).toEqual(['app-1', 'app-2']);
  });

  it('gives the apps only variables the server reads', () => {
    for (const [name, service] of apps) {
      expect(service.env_file, name).toBe('tableorder.env');
      const names = Object.keys(service.environment ?? {});
      expect(names, name).toContain('DATABASE_URL');
      expect(names, name).toContain('REDIS_URL');
      expect(unknown(names), name).toEqual([]);
    }
  });

  it('points the apps at the compose PostgreSQL and Redis', () => {
    for (const [name, service] of apps) {
      const env = service.environment ?? {};
      expect(env.DATABASE_URL, name).toMatch(/@postgres:5432\/tableorder$/);
      expect(env.REDIS_URL, name).toBe('redis://redis:6379');
      expect(env.ENVIRONMENT, name).toBe('production');
    }
  });

  it('caps every container: log size, CPU, memory, and a restart policy that survives reboots', () => {
    const services = parseYaml(read('docker-compose.yml'), { merge: true }).services as Record<
      string,
      Record<string, unknown>
    >;
    for (const [name, service] of Object.entries(services)) {
      expect(service.logging, name).toEqual({ driver: 'json-file', options: { 'max-size': '10m', 'max-file': '5' } });
      expect(Number(service.cpus), name).toBeGreaterThan(0);
      expect(String(service.mem_limit), name).toMatch(/^\d+[mg]$/);
      expect(service.restart, name).toBe('unless-stopped');
    }
  });

  it('trusts X-Forwarded-For from the nginx container only', () => {
    const services = parseYaml(read('docker-compose.yml'), { merge: true }).services as Record<
      string,
      { environment?: Record<string, string>; networks?: Record<string, { ipv4_address?: string }> }
    >;
    const nginxAddress = services.nginx?.networks?.frontend?.ipv4_address;
    expect(nginxAddress).toMatch(/^172\.30\.80\.\d+$/);
    for (const [name] of apps) expect(services[name]?.environment?.TRUSTED_PROXIES, name).toBe(nginxAddress);
    expect(loadConfig({ TRUSTED_PROXIES: nginxAddress as string }).trustedProxies).toEqual([nginxAddress]);
  });

  it('is read by the compose tool installed here (`config`), when there is one', () => {
    const tool = ['docker-compose', 'docker'].find(
      (cmd) => spawnSync(cmd, ['compose', 'version'].slice(cmd === 'docker' ? 0 : 1)).status === 0,
    );
    if (!tool) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'tableorder-compose-'));
    try {
      mkdirSync(path.join(dir, 'deploy'));
      copyFileSync(path.join(DEPLOY_DIR, 'docker-compose.yml'), path.join(dir, 'deploy', 'docker-compose.yml'));
      writeFileSync(path.join(dir, 'deploy', 'tableorder.env'), '');
      writeFileSync(path.join(dir, 'deploy', '.env'), 'COMPOSE_PROJECT_NAME=tableorder\nPOSTGRES_PASSWORD=test\n');
      const args = [...(tool === 'docker' ? ['compose'] : []), '-f', 'deploy/docker-compose.yml', 'config'];
      const result = spawnSync(tool, args, { cwd: dir, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('tableorder_postgres-data');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('interpolates only the compose-level database password', () => {
    const interpolated = [...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]);
    expect(new Set(interpolated)).toEqual(new Set(['POSTGRES_PASSWORD']));
  });
});

describe('other files that set variables', () => {
  it('Dockerfile ENV names are server variables', () => {
    const dockerfile = read('Dockerfile');
    const names = [...dockerfile.matchAll(/^ENV\s+((?:.*\\\n)*.*)$/gm)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/([A-Z][A-Z0-9_]*)=/g)].map((n) => n[1] as string),
    );
    expect(names).toContain('PORT');
    expect(unknown(names)).toEqual([]);
  });

  it('systemd Environment= names are server variables', () => {
    const unit = read('systemd/tableorder.service');
    const names = [...unit.matchAll(/^Environment=(.*)$/gm)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/(?:^|\s)([A-Z][A-Z0-9_]*)=/g)].map((n) => n[1] as string),
    );
    expect(names).toContain('DATA_DIR');
    expect(unknown(names)).toEqual([]);
  });

  it('the env file write-env-file.sh writes on the AWS server names server variables', () => {
    const script = read('scripts/write-env-file.sh');
    const names = [...script.matchAll(/printf '([A-Z][A-Z0-9_]*)=%s\\n'/g)].map((m) => m[1] as string);
    expect(names).toContain('REDIS_URL');
    expect(names).toContain('S3_BUCKET_NAME');
    expect(names).toContain('DATABASE_URL');
    expect(unknown(names)).toEqual([]);
  });
});
