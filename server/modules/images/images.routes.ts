import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import { MAX_IMAGE_BYTES, Menu } from '../../../contract/menus.js';
import { AppError, notFound, payloadTooLarge, validationFailed } from '../../lib/errors.js';
import { staffPrincipal } from '../auth/auth.guard.js';
import { createMenuImagesService } from './images.service.js';
import { imageTypeOfKey } from './images.sniff.js';
import { type ImageStorage, isSafeKey, UPLOADS_PATH } from './images.storage.js';

export interface ImagesRoutesOptions {
  storage: ImageStorage;
}

const tooLarge = () => payloadTooLarge('The picture is larger than 5 MB', { maxBytes: MAX_IMAGE_BYTES });
const fieldMissing = () =>
  validationFailed('Send the picture as the multipart field "file"', {
    fields: [{ path: 'body.file', message: 'required' }],
  });

/** Reads the one `file` part, refusing anything over the limit while it streams in. */
async function readUploadedFile(request: FastifyRequest): Promise<Buffer> {
  try {
    const part = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10, parts: 11 } });
    if (!part) throw fieldMissing();
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw fieldMissing();
    }
    const bytes = await part.toBuffer();
    // toBuffer does not always throw on the limit: busboy marks the stream truncated instead.
    if (part.file.truncated) throw tooLarge();
    return bytes;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    // Fastify's and the multipart plugin's coded errors (not multipart → 415, too many parts → 413)
    // are translated by the error handler; anything else is a body busboy could not parse.
    if (typeof code === 'string' && code.startsWith('FST_')) throw err;
    throw validationFailed(`The multipart body could not be read: ${(err as Error).message}`);
  }
}

/** `POST /api/v1/admin/menus/:id/image`: staff upload a dish's picture. */
export const menuImageRoutes: FastifyPluginAsyncZod<ImagesRoutesOptions> = async (app, options) => {
  // Registered here only: no other route accepts multipart bodies.
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  app.addHook('onRequest', app.guards.staff);

  const images = createMenuImagesService({
    db: app.db,
    events: app.events,
    clock: app.clock,
    storage: options.storage,
    onCleanupError: (err, key) => app.log.warn({ err, key }, 'could not remove a replaced or unused picture'),
  });

  app.post(
    '/admin/menus/:id/image',
    {
      schema: {
        tags: ['menus'],
        summary: "Upload or replace a dish's picture",
        description:
          'multipart/form-data with one field `file`: a JPEG, PNG or WebP picture (recognised by its bytes) of at most 5 MB. ' +
          '413 when larger, 415 for any other content or a non-multipart body.',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: {
          200: Menu,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          404: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { storeId } = staffPrincipal(request);
      await images.assertMenu(storeId, request.params.id);
      const bytes = await readUploadedFile(request);
      return images.attach(storeId, request.params.id, bytes);
    },
  );
};

/**
 * `GET /uploads/<key>`: pictures streamed from whichever storage is configured, so the bucket
 * stays private and URLs stay stable. Keys carry a random name, so they can be cached forever.
 */
export const uploadsRoutes: FastifyPluginAsyncZod<ImagesRoutesOptions> = async (app, options) => {
  const { storage } = options;

  app.get(
    `${UPLOADS_PATH}/*`,
    {
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
