import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { MAX_IMAGE_BYTES, type Menu } from '../../../contract/menus.js';
import type { Db } from '../../db/client.js';
import { menus } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { notFound, payloadTooLarge, unsupportedMediaType } from '../../lib/errors.js';
import { processImage } from '../images/images.process.js';
import { sniffImage } from '../images/images.sniff.js';
import { type ImageStorage, storedKeysOf, variantKeysFor } from '../images/images.storage.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { menuChanged, toMenu } from './menus.service.js';

export interface MenuImagesDeps {
  db: Db;
  events: EventLog;
  clock: Clock;
  storage: ImageStorage;
  /** Where a failed clean-up of a replaced or orphaned picture is reported; the upload itself succeeded or failed already. */
  onCleanupError?: (err: unknown, key: string) => void;
}

const liveMenu = (storeId: string, menuId: string) =>
  and(eq(menus.id, menuId), eq(menus.storeId, storeId), isNull(menus.deletedAt));

/** Pictures of dishes: stored under `menus/<menuId>/<random>-<variant>.webp`, one per dish. */
export function createMenuImagesService(deps: MenuImagesDeps) {
  const { db, events, clock, storage } = deps;

  /** Removes every variant of a picture; a failure is reported, never thrown. */
  async function discard(key: string): Promise<void> {
    for (const stored of storedKeysOf(key)) {
      await storage.delete(stored).catch((err) => deps.onCleanupError?.(err, stored));
    }
  }

  return {
    /** 404 unless the dish is a live one of the store; checked before an upload is read. */
    async assertMenu(storeId: string, menuId: string): Promise<void> {
      const [row] = await db.select({ id: menus.id }).from(menus).where(liveMenu(storeId, menuId));
      if (!row) throw notFound('menu');
    },

    /**
     * Stores `bytes` as the dish's picture and returns the dish. The type comes from the bytes
     * alone (JPEG, PNG or WebP, else 415); the picture is decoded and stored again as WebP
     * variants (images.process.ts: 400 when too large in pixels or undecodable). The objects are
     * written before the row points at them and the replaced ones removed after the commit, so
     * the menu never shows a missing picture.
     */
    async attach(storeId: string, menuId: string, bytes: Buffer): Promise<Menu> {
      if (bytes.length > MAX_IMAGE_BYTES) {
        throw payloadTooLarge('The picture is larger than 5 MB', { maxBytes: MAX_IMAGE_BYTES });
      }
      const type = sniffImage(bytes);
      if (!type) {
        throw unsupportedMediaType('The file is not a JPEG, PNG or WebP picture', {
          accepted: ['image/jpeg', 'image/png', 'image/webp'],
        });
      }
      const variants = await processImage(bytes);
      // Random names make every version a new URL: the long immutable cache stays correct.
      const keys = variantKeysFor(`menus/${menuId}/${randomBytes(16).toString('hex')}`);
      const key = keys.detail;
      try {
        await storage.put(keys.card, variants.card, 'image/webp');
        await storage.put(keys.detail, variants.detail, 'image/webp');
      } catch (err) {
        await discard(key);
        throw err;
      }

      let result: { menu: Menu; replaced: string | null };
      try {
        result = await events.transaction(storeId, async (tx, emit) => {
          // Locked, so two uploads racing each remove exactly the picture they replaced.
          const [current] = await tx
            .select({ imageKey: menus.imageKey })
            .from(menus)
            .where(liveMenu(storeId, menuId))
            .for('update');
          if (!current) throw notFound('menu');
          const [row] = await tx
            .update(menus)
            .set({ imageKey: key, updatedAt: clock.now() })
            .where(eq(menus.id, menuId))
            .returning();
          if (!row) throw notFound('menu');
          await menuChanged(tx, storeId, emit);
          return { menu: toMenu(row), replaced: current.imageKey };
        });
      } catch (err) {
        await discard(key);
        throw err;
      }
      if (result.replaced && result.replaced !== key) await discard(result.replaced);
      return result.menu;
    },
  };
}

export type MenuImagesService = ReturnType<typeof createMenuImagesService>;
