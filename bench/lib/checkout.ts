import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes.js';

/** A built checkout of another commit, to run beside this one. */
export interface Checkout {
  rev: string;
  /** Full commit id. */
  commit: string;
  /** Its first line, for the report. */
  subject: string;
  root: string;
}

const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

/**
 * Extracts `rev`'s server (with its migrations and SQL), contract, package.json and tsconfig files
 * into a folder of the system's temporary directory, links this checkout's node_modules into it and
 * compiles the server there (`tsc -p tsconfig.server.json`). A folder already built for the same
 * commit is reused. The recipe by hand:
 *
 *   git archive <rev> server contract package.json tsconfig.json tsconfig.base.json \
 *     tsconfig.server.json | tar -x -C <dir>
 *   ln -s "$PWD/node_modules" <dir>/node_modules && (cd <dir> && npx tsc -p tsconfig.server.json)
 */
export function prepareCheckout(rev: string, log: (line: string) => void = () => {}): Checkout {
  const commit = git(['rev-parse', '--verify', `${rev}^{commit}`]);
  const subject = git(['log', '-1', '--format=%s', commit]);
  const root = path.join(os.tmpdir(), `tableorder-bench-${commit.slice(0, 12)}`);
  const built = path.join(root, 'dist', '.bench-built');
  if (existsSync(built)) return { rev, commit, subject, root };
  log(`building ${rev} (${commit.slice(0, 10)}) in ${root}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const files = ['server', 'contract', 'package.json', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.server.json'];
  const listed = new Set(git(['ls-tree', '--name-only', commit]).split('\n'));
  const archive = spawnSync('git', ['archive', '--format=tar', commit, ...files.filter((f) => listed.has(f))], {
    cwd: ROOT,
    maxBuffer: 1024 ** 3,
  });
  if (archive.status !== 0) throw new Error(`git archive ${rev} failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', root], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`unpacking ${rev} failed: ${untar.stderr.toString()}`);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.server.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (tsc.status !== 0 || !existsSync(path.join(root, 'dist', 'server', 'main.js'))) {
    throw new Error(`building ${rev} with this checkout's node_modules failed:\n${tsc.stdout}${tsc.stderr}`);
  }
  writeFileSync(built, `${commit}\n`);
  return { rev, commit, subject, root };
}

/** This checkout, for the report. */
export function thisCheckout(): Omit<Checkout, 'root'> & { dirty: boolean } {
  const commit = git(['rev-parse', 'HEAD']);
  return {
    rev: 'HEAD',
    commit,
    subject: git(['log', '-1', '--format=%s', commit]),
    dirty: git(['status', '--porcelain', '--', 'server', 'contract']) !== '',
  };
}
