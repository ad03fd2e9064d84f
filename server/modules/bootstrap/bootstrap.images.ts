import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SEED_ASSETS_DIR } from '../../lib/paths.js';
import type { ImageStorage } from '../images/images.storage.js';
import { createMenuImagesService } from '../menus/menus.images.js';
import type { AttachDemoImage } from './bootstrap.service.js';

const EXTENSIONS = ['jpg', 'webp', 'png'];

async function readAsset(name: string, dir: string): Promise<Buffer | null> {
  for (const ext of EXTENSIONS) {
    try {
      return await readFile(path.join(dir, `${name}.${ext}`));
    } catch {
      // try the next extension
    }
  }
  return null;
}

/**
 * Gives each seeded demo dish its picture from server/modules/bootstrap/assets/ through the
 * same path as an upload. A missing asset or an unreachable storage costs the picture only,
 * never the start-up.
 */
export function demoImageAttacher(app: FastifyInstance, storage: ImageStorage, dir = SEED_ASSETS_DIR): AttachDemoImage {
  const images = createMenuImagesService({ db: app.db, events: app.events, clock: app.clock, storage });
  return async (menuId, storeId, dish) => {
    const bytes = await readAsset(dish.image, dir);
    if (!bytes) {
      app.log.warn({ image: dish.image }, 'demo picture not found; the dish stays without one');
      return;
    }
    try {
      await images.attach(storeId, menuId, bytes);
    } catch (err) {
      app.log.warn({ err, image: dish.image }, 'could not store a demo picture');
    }
  };
}
