import sharp from 'sharp';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from '../../../contract/menus.js';
import { validationFailed } from '../../lib/errors.js';

// Pictures are small and few: no cache of decoded images, one thread, so an upload never takes
// the memory or the cores the ordering needs.
sharp.cache(false);
sharp.concurrency(1);

/** The sizes a picture is served in, each a WebP fitted inside a square of that many pixels. */
export const IMAGE_VARIANTS = {
  /** The menu's cards on tablets and phones, the cart's lines. */
  card: 480,
  /** The dish's detail view, staff's forms. */
  detail: 1280,
} as const;
export type ImageVariant = keyof typeof IMAGE_VARIANTS;

const WEBP_QUALITY = 80;

/**
 * Decodes an upload whatever it claims to be and encodes it again as WebP, once per variant:
 * nothing of the uploaded file reaches a browser but its pixels — no metadata (EXIF with the
 * camera's position, comments, profiles; the orientation is applied first), no trailing bytes,
 * nothing a decoder could be tricked by. Refuses with 400 a picture larger than MAX_IMAGE_SIDE
 * on a side or MAX_IMAGE_PIXELS in all (read from its header, before anything is decoded), and
 * one that does not decode.
 */
export async function processImage(bytes: Buffer): Promise<Record<ImageVariant, Buffer>> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw undecodable();
  }
  const { width, height } = meta;
  if (!width || !height) throw undecodable();
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw validationFailed(
      `The picture is ${width}×${height} pixels; at most ${MAX_IMAGE_SIDE} pixels a side and ${MAX_IMAGE_PIXELS / 1_000_000} megapixels`,
      {
        fields: [{ path: 'file', message: `at most ${MAX_IMAGE_SIDE} px a side and ${MAX_IMAGE_PIXELS} pixels` }],
        width,
        height,
        maxSide: MAX_IMAGE_SIDE,
        maxPixels: MAX_IMAGE_PIXELS,
      },
    );
  }
  try {
    const decoded = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', pages: 1 }).rotate();
    const [card, detail] = await Promise.all(
      (['card', 'detail'] as const).map((variant) =>
        decoded
          .clone()
          .resize({
            width: IMAGE_VARIANTS[variant],
            height: IMAGE_VARIANTS[variant],
            fit: 'inside',
            withoutEnlargement: true,
          })
          .webp({ quality: WEBP_QUALITY })
          .toBuffer(),
      ),
    );
    return { card: card as Buffer, detail: detail as Buffer };
  } catch {
    throw undecodable();
  }
}

function undecodable() {
  return validationFailed('The picture could not be decoded; upload it again or save it as JPEG', {
    fields: [{ path: 'file', message: 'could not be decoded' }],
  });
}
