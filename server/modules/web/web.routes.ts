import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEB_DIST_DIR } from '../../lib/paths.js';

/** The three single-page apps, each with its own index.html for client-side routes. */
const APPS = [
  { prefix: '/superadmin', index: 'superadmin/index.html' },
  { prefix: '/admin', index: 'admin/index.html' },
  { prefix: '/', index: 'index.html' },
];

const NOT_WEB = /^\/(api|health|metrics|uploads)(\/|$)/;

/**
 * Serves the built web apps from dist/web (or `root`): hashed assets cached for a year, HTML never cached,
 * and any unknown GET under an app answered with that app's index.html.
 * Returns the handler for unknown routes, which the app uses as its not-found handler.
 */
export async function registerWebApps(app: FastifyInstance, root = WEB_DIST_DIR) {
  const built = existsSync(path.join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      wildcard: true,
      // A directory (`/` above all: the tablet app) answers with its index.html, never a 403.
      index: 'index.html',
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          res.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          res.header('cache-control', 'no-cache');
        }
      },
    });
  }

  return function webFallback(request: FastifyRequest, reply: FastifyReply): boolean {
    const pathname = request.url.split('?')[0] ?? '/';
    if ((request.method !== 'GET' && request.method !== 'HEAD') || NOT_WEB.test(pathname)) return false;
    // Missing files with an extension (a stale asset, a typo) are real 404s, not the app shell.
    if (/\.[a-z0-9]+$/i.test(pathname)) return false;
    const target = APPS.find(
      (a) => pathname === a.prefix || pathname.startsWith(a.prefix === '/' ? '/' : `${a.prefix}/`),
    );
    if (!target) return false;
    if (!built) {
      reply
        .code(503)
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>TableOrder</title><p>The web apps are not built yet: run <code>npm run build</code>.</p>',
        );
      return true;
    }
    reply.header('cache-control', 'no-cache').sendFile(target.index);
    return true;
  };
}
