import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors.js';
import type { RoutesOptions } from '../../services.js';
import { imageTypeOfKey } from './images.sniff.js';
import { isSafeKey, UPLOADS_PATH } from './images.storage.js';

/**
 * `GET /uploads/<key>`: pictures streamed from whichever storage is configured, so the bucket
 * stays private and URLs stay stable. Keys carry a random name, so they can be cached forever.
 */
export const uploadsRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const storage = services.imageStorage;

  app.get(
    `${UPLOADS_PATH}/*`,
    {
      config: { access: 'public' },
      schema: {
        tags: ['images'],
        summary: 'A stored picture (the imageUrl of a dish)',
        params: z.object({ '*': z.string() }),
      },
      logLevel: 'warn',
    },
    async (request, reply) => {
      const key = request.params['*'];
      // Anything that is not one of our keys (`..`, encoded slashes, other extensions) is simply not found.
      const type = isSafeKey(key) ? imageTypeOfKey(key) : null;
      if (!type) throw notFound('image');
      const object = await storage.get(key);
      if (!object) throw notFound('image');
      reply
        .header('content-type', type.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff');
      if (object.size !== undefined) reply.header('content-length', object.size);
      return reply.send(object.body);
    },
  );
};
