import type { Readable } from 'node:stream';

/** An object read back from storage. */
export interface StoredObject {
  body: Readable;
  /** Bytes, when the backend knows it up front. */
  size: number | undefined;
}

/**
 * Where menu pictures live. Keys are relative, slash-separated paths such as
 * `menus/<menuId>/<random>.jpg`; every implementation refuses anything else (see `isSafeKey`).
 */
export interface ImageStorage {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The object, or null when there is none under that key. */
  get(key: string): Promise<StoredObject | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Throws when pictures could not be stored now (bucket missing or refused, folder not writable). */
  check?(): Promise<void>;
}

// Lower-case segments of letters, digits, `-` and `_`, ending in a file name with an extension:
// no `..`, no leading slash, no backslash, nothing a file system or a bucket could misread.
const SAFE_KEY = /^(?:[a-z0-9][a-z0-9_-]{0,99}\/){0,8}[a-z0-9][a-z0-9_-]{0,99}\.[a-z0-9]{1,8}$/;

export function isSafeKey(key: string): boolean {
  return SAFE_KEY.test(key);
}

/** Where the app serves stored pictures (see images.routes.ts); the menu's `imageUrl`. */
export const UPLOADS_PATH = '/uploads';

export function imageUrlOf(key: string): string {
  return `${UPLOADS_PATH}/${key}`;
}

export function assertSafeKey(key: string): void {
  if (!isSafeKey(key)) throw new Error(`refusing storage key ${JSON.stringify(key)}`);
}
