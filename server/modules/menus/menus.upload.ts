import type { FastifyRequest } from 'fastify';
import { MAX_IMAGE_BYTES } from '../../../contract/menus.js';
import { AppError, payloadTooLarge, validationFailed } from '../../lib/errors.js';

const tooLarge = () => payloadTooLarge('The picture is larger than 5 MB', { maxBytes: MAX_IMAGE_BYTES });
const fieldMissing = () =>
  validationFailed('Send the picture as the multipart field "file"', {
    fields: [{ path: 'body.file', message: 'required' }],
  });

/** Reads the one `file` part, refusing anything over the limit while it streams in. */
export async function readUploadedFile(request: FastifyRequest): Promise<Buffer> {
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
