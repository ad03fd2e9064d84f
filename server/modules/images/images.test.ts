import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories, samplePng, sampleWebp, uploadForm } from '../../../test/factories.js';
import { menus } from '../../db/schema/index.js';
import { SEED_ASSETS_DIR } from '../../lib/paths.js';
import { sniffImage } from './images.sniff.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
let dataDir: string;
let jpeg: Buffer;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'tableorder-images-'));
  t = await startTestApp({ env: { DATA_DIR: dataDir } });
  f = factories(t.app);
  jpeg = await readFile(path.join(SEED_ASSETS_DIR, 'bibimbap.jpg'));
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const imagePath = (menuId: string) => `/api/v1/admin/menus/${menuId}/image`;
const uploadsDir = () => path.join(dataDir, 'uploads');

async function fetchBytes(url: string) {
  const res = await fetch(new URL(url, t.url));
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A GET with the path exactly as written: fetch() would normalise `..` away. */
function rawGet(rawPath: string): Promise<number> {
  const { hostname, port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    http
      .get({ hostname, port, path: rawPath }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('menu picture upload', () => {
  it.each([
    ['PNG', () => samplePng()],
    ['JPEG', () => jpeg],
    ['WebP', () => sampleWebp()],
  ])('accepts a real %s, stores it again as WebP variants under menus/<id>/ and serves them', async (_label, make) => {
    const w = await f.world();
    const dish = w.kimchi;
    const bytes = make();
    // A misleading name and declared type: only the bytes count.
    const res = await t.api.post(imagePath(dish.id), uploadForm(bytes, 'photo.gif', 'text/plain'), {
      token: w.manager.token,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: dish.id, name: '김치찌개' });
    const base = `/uploads/menus/${dish.id}/[0-9a-f]{32}`;
    expect(res.body.imageUrl).toMatch(new RegExp(`^${base}-detail\\.webp$`));
    expect(res.body.imageUrls).toEqual({
      card: res.body.imageUrl.replace('-detail.webp', '-card.webp'),
      detail: res.body.imageUrl,
    });

    for (const url of [res.body.imageUrls.card, res.body.imageUrls.detail]) {
      const served = await fetchBytes(url);
      expect(served.res.status).toBe(200);
      expect(sniffImage(served.bytes)?.ext).toBe('webp');
      expect(served.bytes.equals(bytes)).toBe(false);
      expect(served.res.headers.get('content-type')).toBe('image/webp');
      expect(served.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(served.res.headers.get('content-length')).toBe(String(served.bytes.length));
      const onDisk = path.join(uploadsDir(), ...url.replace('/uploads/', '').split('/'));
      expect((await readFile(onDisk)).equals(served.bytes)).toBe(true);
      // The same picture: its size kept (small pictures are never enlarged).
      const source = await sharp(bytes).metadata();
      const stored = await sharp(served.bytes).metadata();
      expect([stored.width, stored.height]).toEqual([source.width, source.height]);
    }
    const head = await fetch(new URL(res.body.imageUrl, t.url), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('image/webp');

    const menu = await t.api.get('/api/v1/table/menu', { token: w.table1.token });
    expect(menu.body.categories[0].menus[0].imageUrl).toBe(res.body.imageUrl);
    expect(menu.body.categories[0].menus[0].imageUrls).toEqual(res.body.imageUrls);
    const list = await t.api.get('/api/v1/admin/menus', { token: w.manager.token });
    expect(list.body.menus.find((m: { id: string }) => m.id === dish.id).imageUrls).toEqual(res.body.imageUrls);
  });

  it('sizes the variants (card 480, detail 1280, never enlarged), applies the orientation and strips all metadata', async () => {
    const w = await f.world();
    // 3000×2000, rotated a quarter turn by its EXIF orientation, with a camera's metadata.
    const photo = await sharp({
      create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 60, b: 20 } },
    })
      .jpeg()
      .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'GPS 37.5665 126.9780 secret-camera' } } })
      .toBuffer();
    expect(photo.includes('secret-camera')).toBe(true);
    const res = await t.api.post(imagePath(w.kimchi.id), uploadForm(photo, 'photo.jpg'), { token: w.owner.token });
    expect(res.status).toBe(200);
    const sizes: Record<string, [number?, number?]> = {};
    for (const [variant, url] of Object.entries(res.body.imageUrls as Record<string, string>)) {
      const { bytes } = await fetchBytes(url);
      const meta = await sharp(bytes).metadata();
      sizes[variant] = [meta.width, meta.height];
      expect(meta.exif, variant).toBeUndefined();
      expect(meta.xmp, variant).toBeUndefined();
      expect(meta.orientation ?? 1, variant).toBe(1);
      expect(bytes.includes('secret-camera'), variant).toBe(false);
      expect(bytes.includes('Exif'), variant).toBe(false);
    }
    // Portrait after the orientation is applied: 2000×3000 fitted inside 480 and 1280.
    expect(sizes).toEqual({ card: [320, 480], detail: [853, 1280] });
  });

  it('refuses absurd dimensions with 400 naming the limits, before decoding, and stores nothing', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    // A tiny file that claims 9000×10 pixels, and one of 7000×7000 (49 megapixels): both refused.
    for (const [width, height] of [
      [9000, 10],
      [10, 9000],
      [7000, 7000],
    ] as const) {
      const res = await t.api.post(imagePath(dish.id), uploadForm(samplePng(width, height), 'big.png'), {
        token: w.owner.token,
      });
      expect(res.status, `${width}×${height}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toContain(`${width}×${height}`);
      expect(res.body.error.message).toContain('8000');
      expect(res.body.error.details).toMatchObject({ width, height, maxSide: 8000, maxPixels: 40_000_000 });
    }
    // The largest allowed side passes.
    expect(
      (await t.api.post(imagePath(dish.id), uploadForm(samplePng(8000, 4), 'wide.png'), { token: w.owner.token }))
        .status,
    ).toBe(200);
    const other = w.bulgogi;
    expect(
      (await t.api.post(imagePath(other.id), uploadForm(samplePng(9000, 10), 'x.png'), { token: w.owner.token }))
        .status,
    ).toBe(400);
    expect(existsSync(path.join(uploadsDir(), 'menus', other.id))).toBe(false);
    const [row] = await t.app.db.select().from(menus).where(eq(menus.id, other.id));
    expect(row?.imageKey).toBeNull();
  });

  it('answers 400 to a picture whose header is right and whose pixels do not decode, storing nothing', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    const truncated = Buffer.concat([jpeg.subarray(0, 200)]);
    const png = samplePng(40, 40);
    const corrupt = Buffer.concat([png.subarray(0, 33), Buffer.alloc(png.length - 33, 0xab)]);
    for (const bytes of [truncated, corrupt]) {
      const res = await t.api.post(imagePath(dish.id), uploadForm(bytes, 'x.jpg'), { token: w.owner.token });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toContain('could not be decoded');
    }
    expect(existsSync(path.join(uploadsDir(), 'menus', dish.id))).toBe(false);
  });

  it('serves pictures stored before the variants as every variant', async () => {
    const w = await f.world();
    const key = `menus/${w.kimchi.id}/${'a'.repeat(32)}.jpg`;
    await t.app.db.update(menus).set({ imageKey: key }).where(eq(menus.id, w.kimchi.id));
    const res = await t.api.get('/api/v1/admin/menus', { token: w.owner.token });
    const dish = res.body.menus.find((m: { id: string }) => m.id === w.kimchi.id);
    expect(dish.imageUrl).toBe(`/uploads/${key}`);
    expect(dish.imageUrls).toEqual({ card: `/uploads/${key}`, detail: `/uploads/${key}` });
  });

  it('replaces a picture: new URL, old file gone, one menu.updated per upload', async () => {
    const w = await f.world();
    const dish = w.bulgogi;
    const token = w.owner.token;
    const first = await t.api.post(imagePath(dish.id), uploadForm(samplePng(), 'a.png'), { token });
    const second = await t.api.post(imagePath(dish.id), uploadForm(jpeg, 'b.jpg'), { token });
    expect(second.status).toBe(200);
    expect(second.body.imageUrl).not.toBe(first.body.imageUrl);

    expect((await fetchBytes(first.body.imageUrl)).res.status).toBe(404);
    expect((await fetchBytes(second.body.imageUrl)).res.status).toBe(200);
    expect((await fetchBytes(first.body.imageUrls.card)).res.status).toBe(404);
    const files = path.join(uploadsDir(), 'menus', dish.id);
    expect((await readdir(files)).sort()).toEqual(
      [second.body.imageUrls.card, second.body.imageUrls.detail].map((url: string) => path.basename(url)).sort(),
    );

    const events = await t.app.events.readAfter(w.store.id, 0);
    expect(events.map((e) => e.type)).toEqual(['menu.updated', 'menu.updated']);
  });

  it('keeps exactly one picture when two uploads race', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    const token = w.owner.token;
    const results = await Promise.all([
      t.api.post(imagePath(dish.id), uploadForm(samplePng(3, 3), 'a.png'), { token }),
      t.api.post(imagePath(dish.id), uploadForm(jpeg, 'b.jpg'), { token }),
      t.api.post(imagePath(dish.id), uploadForm(sampleWebp(), 'c.webp'), { token }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const [row] = await t.app.db.select().from(menus).where(eq(menus.id, dish.id));
    const left = await readdir(path.join(uploadsDir(), 'menus', dish.id));
    const base = path.basename(row!.imageKey!).replace('-detail.webp', '');
    expect(left.sort()).toEqual([`${base}-card.webp`, `${base}-detail.webp`]);
  });

  it('removes the picture when the dish is deleted', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    const up = await t.api.post(imagePath(dish.id), uploadForm(samplePng(), 'a.png'), { token: w.owner.token });
    expect((await t.api.delete(`/api/v1/admin/menus/${dish.id}`, { token: w.owner.token })).status).toBe(204);
    expect((await fetchBytes(up.body.imageUrl)).res.status).toBe(404);
    expect(existsSync(path.join(uploadsDir(), 'menus', dish.id))).toBe(false);
    const [row] = await t.app.db.select().from(menus).where(eq(menus.id, dish.id));
    expect(row?.imageKey).toBeNull();
  });

  it('answers 415 to a text file named .png and stores nothing', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    const text = Buffer.from('this is not a picture, whatever the name says\n');
    const res = await t.api.post(imagePath(dish.id), uploadForm(text, 'dish.png', 'image/png'), {
      token: w.owner.token,
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    // Almost a PNG: the signature without the IHDR chunk that must follow it.
    const fake = Buffer.concat([samplePng().subarray(0, 8), Buffer.from('GIF89a-and-more-bytes')]);
    const res2 = await t.api.post(imagePath(dish.id), uploadForm(fake, 'x.png'), { token: w.owner.token });
    expect(res2.status).toBe(415);
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    expect((await t.api.post(imagePath(dish.id), uploadForm(gif, 'x.gif'), { token: w.owner.token })).status).toBe(415);
    expect(existsSync(path.join(uploadsDir(), 'menus', dish.id))).toBe(false);
    const [row] = await t.app.db.select().from(menus).where(eq(menus.id, dish.id));
    expect(row?.imageKey).toBeNull();
  });

  it('answers 413 to a 6 MB picture and accepts one of exactly 5 MB', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    const png = samplePng();
    const padded = (size: number) => Buffer.concat([png, Buffer.alloc(size - png.length)]);
    const big = await t.api.post(imagePath(dish.id), uploadForm(padded(6 * 1024 * 1024), 'big.png'), {
      token: w.owner.token,
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(existsSync(path.join(uploadsDir(), 'menus', dish.id))).toBe(false);

    const limit = await t.api.post(imagePath(dish.id), uploadForm(padded(5 * 1024 * 1024), 'max.png'), {
      token: w.owner.token,
    });
    expect(limit.status).toBe(200);
  });

  it('answers 415 to a body that is not multipart, 400 without a "file" field', async () => {
    const w = await f.world();
    const dish = w.kimchi;
    const token = w.owner.token;
    const json = await t.api.post(imagePath(dish.id), { file: samplePng().toString('base64') }, { token });
    expect(json.status).toBe(415);
    expect(json.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const raw = await t.api.request('POST', imagePath(dish.id), samplePng(), {
      token,
      headers: { 'content-type': 'image/png' },
    });
    expect(raw.status).toBe(415);
    expect(raw.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const wrongField = await t.api.post(imagePath(dish.id), uploadForm(samplePng(), 'a.png', 'image/png', 'photo'), {
      token,
    });
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.error.code).toBe('VALIDATION_FAILED');
    const form = new FormData();
    form.append('note', 'no file here');
    expect((await t.api.post(imagePath(dish.id), form, { token })).status).toBe(400);
    const broken = await t.api.request('POST', imagePath(dish.id), 'not really multipart', {
      token,
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('VALIDATION_FAILED');
  });

  it("answers 404 for another store's dish or a deleted one, 403 to a table and 401 without a token", async () => {
    const w = await f.world();
    const other = await f.world();
    const form = () => uploadForm(samplePng(), 'a.png');
    expect((await t.api.post(imagePath(other.kimchi.id), form(), { token: w.owner.token })).status).toBe(404);
    await t.api.delete(`/api/v1/admin/menus/${w.soldOut.id}`, { token: w.owner.token });
    expect((await t.api.post(imagePath(w.soldOut.id), form(), { token: w.owner.token })).status).toBe(404);
    const byTable = await t.api.post(imagePath(w.kimchi.id), form(), { token: w.table1.token });
    expect(byTable.status).toBe(403);
    expect((await t.api.post(imagePath(w.kimchi.id), form())).status).toBe(401);
    expect(existsSync(path.join(uploadsDir(), 'menus', other.kimchi.id))).toBe(false);
    expect(existsSync(path.join(uploadsDir(), 'menus', w.kimchi.id))).toBe(false);
  });
});

describe('serving /uploads', () => {
  it('answers 404 for missing pictures and for keys that try to leave the upload folder', async () => {
    expect((await fetchBytes('/uploads/menus/00000000-0000-4000-8000-000000000000/abc.png')).res.status).toBe(404);
    // A file that exists next to the upload folder must stay unreachable.
    for (const attempt of [
      '/uploads/../pglite/PG_VERSION',
      '/uploads/..%2f..%2fetc%2fpasswd',
      '/uploads/%2e%2e/%2e%2e/etc/passwd',
      '/uploads/menus/..%5c..%5cpackage.json',
      '/uploads//etc/passwd.png',
      '/uploads/menus/x/evil.html',
      '/uploads/menus/x/a.PNG',
    ]) {
      const status = await rawGet(attempt);
      expect(status, attempt).toBe(404);
    }
  });
});
