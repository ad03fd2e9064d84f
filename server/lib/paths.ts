import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: the nearest folder above this file holding package.json (same from src and dist). */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the server');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'server', 'db', 'migrations');
export const FUNCTIONS_DIR = path.join(PROJECT_ROOT, 'server', 'db', 'functions');
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, 'dist', 'web');
export const SEED_ASSETS_DIR = path.join(PROJECT_ROOT, 'server', 'modules', 'bootstrap', 'assets');
