// @ts-check
/**
 * Builds the server (tsc → dist/server) and the web apps (vite → dist/web). Each build leaves a
 * stamp, dist/.stamps/<target>.json, holding a hash of every file that build reads; `npm start`
 * compares the files with the stamps and rebuilds only what changed, so an unchanged checkout
 * starts without building anything.
 *
 *   node scripts/build.mjs              build both, whatever the stamps say (`npm run build`)
 *   node scripts/build.mjs server       build one (`npm run build:server`, `build:web`)
 *   node scripts/build.mjs --if-stale   build only the targets whose inputs changed (`npm start`)
 *
 * Plain JavaScript on purpose: it runs before anything is compiled, and without a TypeScript
 * loader in the start path.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this script belongs to; every function takes another root for tests. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const isTest = (/** @type {string} */ file) => /\.test\.[cm]?[jt]sx?$/.test(file);
const isTypeScript = (/** @type {string} */ file) => /\.([cm]?ts|tsx|json)$/.test(file);

/**
 * @typedef {object} Target
 * @property {string[]} dirs folders whose files the build reads
 * @property {(relative: string) => boolean} include which files of those folders count
 * @property {string[]} files single files the build reads (configuration, the lockfile)
 * @property {string[]} outputs files a finished build leaves (a missing one means: build)
 * @property {string[]} command program under node_modules/.bin, then its arguments
 */

/** @type {Record<'server' | 'web', Target>} */
export const TARGETS = {
  server: {
    dirs: ['server', 'contract'],
    // What tsc compiles; migrations and seed pictures are read from the source tree at run time.
    include: (file) => isTypeScript(file) && !isTest(file) && !file.startsWith('server/db/migrations/'),
    files: ['tsconfig.json', 'tsconfig.base.json', 'tsconfig.server.json', 'package-lock.json'],
    outputs: ['dist/server/main.js'],
    command: ['tsc', '-p', 'tsconfig.server.json'],
  },
  web: {
    dirs: ['web', 'contract'],
    include: (file) => !isTest(file),
    // The bundle holds the dependencies too: a changed lockfile rebuilds it.
    files: ['tsconfig.base.json', 'package-lock.json'],
    outputs: ['dist/web/index.html', 'dist/web/admin/index.html', 'dist/web/superadmin/index.html'],
    command: ['vite', 'build', '--config', 'web/vite.config.ts'],
  },
};

/** @typedef {keyof typeof TARGETS} TargetName */

/**
 * @param {string} root
 * @param {string} dir relative to the root
 */
function listFiles(root, dir) {
  /** @type {string[]} */
  const found = [];
  const walk = (/** @type {string} */ relative) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) found.push(child);
    }
  };
  if (existsSync(path.join(root, dir))) walk(dir);
  return found;
}

/**
 * A hash of the names and contents of every file `target` builds from. Contents, not mtimes: a
 * checkout, a stash or a copy that resets mtimes neither hides a change nor forces a rebuild.
 * @param {TargetName} name
 * @param {string} [root]
 */
export function inputsHash(name, root = ROOT) {
  const target = TARGETS[name];
  const found = target.dirs.flatMap((dir) => listFiles(root, dir)).filter(target.include);
  const files = [...new Set([...found, ...target.files])].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    const full = path.join(root, file);
    hash.update(existsSync(full) ? readFileSync(full) : '(missing)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

const stampPath = (/** @type {string} */ root, /** @type {TargetName} */ name) =>
  path.join(root, 'dist', '.stamps', `${name}.json`);

/**
 * Whether dist/ holds a build of `name` made from the current inputs.
 * @param {TargetName} name
 * @param {string} hash its inputs' hash now
 * @param {string} [root]
 */
export function isCurrent(name, hash, root = ROOT) {
  if (!TARGETS[name].outputs.every((file) => existsSync(path.join(root, file)))) return false;
  try {
    return JSON.parse(readFileSync(stampPath(root, name), 'utf8')).inputs === hash;
  } catch {
    return false;
  }
}

/**
 * Runs a target's build command; throws when it fails.
 * @param {TargetName} name
 * @param {string} root
 */
function runCommand(name, root) {
  const [program, ...args] = TARGETS[name].command;
  const bin = path.join(root, 'node_modules', '.bin', /** @type {string} */ (program));
  const result = spawnSync(bin, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`building the ${name} failed (${program} exited with ${result.status})`);
}

/**
 * @typedef {object} BuildOptions
 * @property {string} [root] the checkout to build (this one by default)
 * @property {(name: TargetName, root: string) => void} [run] runs the build itself (tests stub it)
 * @property {(line: string) => void} [log]
 */

/**
 * Builds `name` and stamps it with its inputs' hash taken before the build started: a file saved
 * while the build runs makes the next start build again.
 * @param {TargetName} name
 * @param {BuildOptions & { hash?: string }} [options]
 */
export function build(name, { root = ROOT, run = runCommand, hash = inputsHash(name, root) } = {}) {
  run(name, root);
  mkdirSync(path.dirname(stampPath(root, name)), { recursive: true });
  writeFileSync(
    stampPath(root, name),
    `${JSON.stringify({ inputs: hash, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
}

/**
 * Builds the targets whose inputs changed since their last build; returns the ones it built.
 * @param {TargetName[]} [names]
 * @param {BuildOptions} [options]
 */
export function buildStale(names = ['server', 'web'], { root = ROOT, run = runCommand, log = console.log } = {}) {
  const began = performance.now();
  /** @type {TargetName[]} */
  const built = [];
  for (const name of names) {
    const hash = inputsHash(name, root);
    if (isCurrent(name, hash, root)) continue;
    log(`${name}: sources changed since the last build, building…`);
    build(name, { root, run, hash });
    built.push(name);
  }
  const took = `${Math.round(performance.now() - began)} ms`;
  log(built.length === 0 ? `build: ${names.join(' and ')} up to date (checked in ${took})` : `build: done in ${took}`);
  return built;
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  const args = process.argv.slice(2);
  const ifStale = args.includes('--if-stale');
  const named = args.filter((arg) => arg !== '--if-stale');
  for (const name of named) {
    if (!(name in TARGETS)) {
      console.error(`unknown build target "${name}": use ${Object.keys(TARGETS).join(' or ')}`);
      process.exit(2);
    }
  }
  const names = /** @type {TargetName[]} */ (named.length > 0 ? named : Object.keys(TARGETS));
  try {
    if (ifStale) buildStale(names);
    else for (const name of names) build(name);
  } catch (err) {
    console.error(/** @type {Error} */ (err).message);
    process.exit(1);
  }
}
