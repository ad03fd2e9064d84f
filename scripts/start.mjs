// @ts-check
/**
 * `npm start`: builds only what changed since the last build (usually nothing: a restart after a
 * power cut should not wait for a build), then runs the server in this same process — one Node
 * process, not a launcher plus a server.
 */
import { buildStale } from './build.mjs';

try {
  buildStale();
} catch (err) {
  console.error(/** @type {Error} */ (err).message);
  process.exit(1);
}
// A computed specifier: the type checker should not follow it into dist/.
await import(new URL('../dist/server/main.js', import.meta.url).href);
