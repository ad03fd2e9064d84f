import { randomBytes } from 'node:crypto';
import { constants, createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertSafeKey, type ImageStorage } from './images.storage.js';

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/** Pictures as files under `root` (DATA_DIR/uploads): the zero-setup default. */
export function createLocalStorage(root: string): ImageStorage {
  const base = path.resolve(root);

  function resolve(key: string): string {
    assertSafeKey(key);
    const file = path.resolve(base, ...key.split('/'));
    // The key pattern already rules out traversal; this keeps it true if the pattern ever loosens.
    if (!file.startsWith(base + path.sep)) throw new Error(`storage key escapes the upload folder: ${key}`);
    return file;
  }

  return {
    kind: 'local',

    async check() {
      await mkdir(base, { recursive: true });
      await access(base, constants.W_OK);
    },

    async put(key, bytes) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside and renamed, so a reader never sees half a picture.
      const partial = `${file}.${randomBytes(6).toString('hex')}.part`;
      try {
        await writeFile(partial, bytes);
        await rename(partial, file);
      } catch (err) {
        await rm(partial, { force: true });
        throw err;
      }
    },

    async get(key) {
      const file = resolve(key);
      try {
        const info = await stat(file);
        if (!info.isFile()) return null;
        return { body: createReadStream(file), size: info.size };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
    },

    async exists(key) {
      try {
        return (await stat(resolve(key))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },

    async delete(key) {
      const file = resolve(key);
      await rm(file, { force: true });
      // Tidy the dish's folder once its last picture is gone; a non-empty folder stays.
      await rmdir(path.dirname(file)).catch(() => {});
    },
  };
}
