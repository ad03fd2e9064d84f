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

/**
 * A picture is stored as sized WebP variants next to each other: `<base>-detail.webp` (the key a
 * dish keeps) and `<base>-card.webp`. Keys of pictures stored before the variants existed have
 * one object, which serves as every variant.
 */
const DETAIL_SUFFIX = '-detail.webp';
const CARD_SUFFIX = '-card.webp';

/** The keys of a new picture's variants; `base` is `menus/<menuId>/<random>`. */
export function variantKeysFor(base: string): { card: string; detail: string } {
  return { card: `${base}${CARD_SUFFIX}`, detail: `${base}${DETAIL_SUFFIX}` };
}

/** Every object a dish's picture (its `imageKey`) is stored as. */
export function storedKeysOf(imageKey: string): string[] {
  if (!imageKey.endsWith(DETAIL_SUFFIX)) return [imageKey];
  const base = imageKey.slice(0, -DETAIL_SUFFIX.length);
  return [imageKey, `${base}${CARD_SUFFIX}`];
}

/** The URLs of a dish's picture variants (the contract's `imageUrls`). */
export function imageUrlsOf(imageKey: string): { card: string; detail: string } {
  const [detail, card = detail] = storedKeysOf(imageKey) as [string, string?];
  return { card: imageUrlOf(card), detail: imageUrlOf(detail) };
}

export function assertSafeKey(key: string): void {
  if (!isSafeKey(key)) throw new Error(`refusing storage key ${JSON.stringify(key)}`);
}
