import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, isNull } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { menus } from '../../db/schema/index.js';
import { SEED_ASSETS_DIR } from '../../lib/paths.js';
import { sniffImage } from '../images/images.sniff.js';
import { createImageStorage } from '../images/images.storage-factory.js';
import { DEMO_MENU } from './bootstrap.demo-data.js';
import { demoImageAttacher } from './bootstrap.images.js';
import { bootstrap } from './bootstrap.service.js';

let t: TestApp;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tableorder-demo-'));
  t = await startTestApp({ env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('demo pictures', () => {
  it('ships one small JPEG per demo dish', async () => {
    const dishes = DEMO_MENU.flatMap((group) => group.dishes);
    expect(dishes.length).toBeGreaterThanOrEqual(12);
    for (const dish of dishes) {
      const bytes = await readFile(path.join(SEED_ASSETS_DIR, `${dish.image}.jpg`));
      expect(sniffImage(bytes)?.ext, dish.image).toBe('jpg');
      expect(bytes.length, dish.image).toBeGreaterThan(2_000);
      expect(bytes.length, dish.image).toBeLessThan(40 * 1024);
    }
  });

  it('gives every seeded dish its picture, served by the app', async () => {
    const seeded = await bootstrap(t.app.db, t.config, demoImageAttacher(t.app, createImageStorage(t.config)));
    expect(seeded.demoSeeded).toBe(true);
    const rows = await t.app.db.select().from(menus).where(isNull(menus.deletedAt));
    expect(rows).toHaveLength(DEMO_MENU.flatMap((group) => group.dishes).length);
    for (const row of rows) {
      // Through the same path as an upload: re-encoded, a card and a detail variant.
      expect(row.imageKey, row.name).toMatch(new RegExp(`^menus/${row.id}/[0-9a-f]{32}-detail\\.webp$`));
      const dish = DEMO_MENU.flatMap((group) => group.dishes).find((d) => d.name === row.name);
      const asset = await sharp(path.join(SEED_ASSETS_DIR, `${dish?.image}.jpg`)).metadata();
      for (const key of [row.imageKey, row.imageKey?.replace('-detail.webp', '-card.webp')]) {
        const res = await fetch(`${t.url}/uploads/${key}`);
        expect(res.status, String(key)).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/webp');
        const served = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        expect(served.format).toBe('webp');
        expect(served.width).toBeLessThanOrEqual(asset.width ?? 0);
        expect(served.width).toBeGreaterThan(0);
      }
    }
  });

  it('leaves a dish without a picture, rather than failing, when its asset is missing', async () => {
    const attach = demoImageAttacher(t.app, createImageStorage(t.config), path.join(dataDir, 'no-such-folder'));
    const [row] = await t.app.db.select().from(menus).limit(1);
    await expect(
      attach(row!.id, row!.storeId, { name: 'x', price: 1, description: '', image: 'missing' }),
    ).resolves.toBeUndefined();
    const [after] = await t.app.db.select().from(menus).where(eq(menus.id, row!.id));
    expect(after?.imageKey).toBe(row!.imageKey);
  });
});
