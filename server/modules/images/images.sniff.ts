export interface ImageType {
  ext: 'jpg' | 'png' | 'webp';
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
}

const JPEG: ImageType = { ext: 'jpg', contentType: 'image/jpeg' };
const PNG: ImageType = { ext: 'png', contentType: 'image/png' };
const WEBP: ImageType = { ext: 'webp', contentType: 'image/webp' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Recognises JPEG, PNG and WebP by their leading bytes. The file name and the declared
 * Content-Type are the client's word; the bytes are what a browser will actually decode.
 */
export function sniffImage(bytes: Buffer): ImageType | null {
  // SOI marker followed by the start of another marker.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return JPEG;
  // Signature, then an IHDR chunk first, as the format requires.
  if (bytes.length >= 16 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return PNG;
  }
  // RIFF container whose form type is WEBP and whose first chunk is one of WebP's.
  if (
    bytes.length >= 16 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP' &&
    ['VP8 ', 'VP8L', 'VP8X'].includes(bytes.toString('latin1', 12, 16))
  ) {
    return WEBP;
  }
  return null;
}

const BY_EXT: Record<string, ImageType> = { jpg: JPEG, png: PNG, webp: WEBP };

/** The content type of a stored picture, from the extension the server itself gave its key. */
export function imageTypeOfKey(key: string): ImageType | null {
  const ext = key.slice(key.lastIndexOf('.') + 1);
  return BY_EXT[ext] ?? null;
}
