import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, testConfig } from '../../../test/app.js';
import { factories, samplePng, sampleWebp, uploadForm } from '../../../test/factories.js';
import type { ImageStorage } from './images.storage.js';
import { createImageStorage } from './images.storage-factory.js';
import { createLocalStorage } from './images.storage-local.js';
import { createS3Storage } from './images.storage-s3.js';

const BUCKET = 'tableorder-menu-images';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let tmp: string;
let s3rver: S3rver;
let proxy: http.Server;
let endpoint: string;
/** Every request that reached the S3 server, as sent by the SDK. */
const seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }> = [];

/** Forwards to s3rver and records the requests, so tests can see the headers the SDK sends. */
function startRecordingProxy(target: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const upstream = http.request(
      { host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'tableorder-storage-'));
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: path.join(tmp, 's3'),
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await s3rver.run();
  proxy = await startRecordingProxy(port);
  endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await s3rver.close();
  await rm(tmp, { recursive: true, force: true });
});

const s3 = () => createS3Storage({ bucket: BUCKET, region: 'ap-northeast-2', endpoint, credentials: CREDENTIALS });

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe.each([
  ['local folder', () => createLocalStorage(path.join(tmp, 'uploads'))],
  ['S3 (s3rver)', s3],
])('%s storage', (_label, make: () => ImageStorage) => {
  it('puts, reads back, checks and deletes an object', async () => {
    const storage = make();
    const key = `menus/${crypto.randomUUID()}/0123456789abcdef0123456789abcdef.png`;
    const bytes = samplePng(8, 8);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();

    await storage.put(key, bytes, 'image/png');
    expect(await storage.exists(key)).toBe(true);
    const object = await storage.get(key);
    expect(object?.size).toBe(bytes.length);
    expect((await readAll(object!.body)).equals(bytes)).toBe(true);

    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('refuses keys that could leave its folder or bucket prefix', async () => {
    const storage = make();
    for (const key of [
      '../escape.png',
      'menus/../../escape.png',
      '/etc/passwd.png',
      'menus\\..\\escape.png',
      'menus//double.png',
      'menus/no-extension',
      'menus/UPPER.PNG',
      'menus/%2e%2e/x.png',
      '',
    ]) {
      await expect(storage.put(key, Buffer.from('x'), 'image/png'), key).rejects.toThrow(/key/);
      await expect(storage.get(key), key).rejects.toThrow(/key/);
      await expect(storage.delete(key), key).rejects.toThrow(/key/);
    }
  });
});

describe('storage choice', () => {
  it('uses the local folder by default and S3 when S3_BUCKET_NAME is set', () => {
    expect(createImageStorage(testConfig()).kind).toBe('local');
    const config = testConfig({ S3_BUCKET_NAME: BUCKET, S3_ENDPOINT: endpoint });
    expect(createImageStorage(config).kind).toBe('s3');
  });

  it('writes objects encrypted at rest (SSE AES256) and never public', async () => {
    const key = `menus/${crypto.randomUUID()}/fedcba9876543210fedcba9876543210.webp`;
    await s3().put(key, sampleWebp(), 'image/webp');
    const put = seen.find((r) => r.method === 'PUT' && r.url.includes(key));
    expect(put?.headers['x-amz-server-side-encryption']).toBe('AES256');
    expect(put?.headers['content-type']).toBe('image/webp');
    expect(put?.headers['x-amz-acl']).toBeUndefined();
    // Path-style addressing for S3-compatible endpoints.
    expect(put?.url.startsWith(`/${BUCKET}/menus/`)).toBe(true);
  });
});

describe('menu pictures on S3, served through the app', () => {
  let t: TestApp;
  const storage = () => s3();
  beforeAll(async () => {
    t = await startTestApp({ imageStorage: storage() });
  });
  afterAll(() => t.close());

  async function fetchBytes(url: string) {
    const res = await fetch(new URL(url, t.url));
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it('uploads both WebP variants, serves them, replaces (old objects gone) and deletes', async () => {
    const w = await factories(t.app).world();
    const dish = w.kimchi;
    const token = w.owner.token;
    const png = samplePng(1600, 900, [20, 160, 90]);
    const keysOf = (body: { imageUrls: { card: string; detail: string } }) =>
      [body.imageUrls.card, body.imageUrls.detail].map((url) => url.replace('/uploads/', ''));

    const first = await t.api.post(`/api/v1/admin/menus/${dish.id}/image`, uploadForm(png, 'dish.png'), { token });
    expect(first.status).toBe(200);
    const firstKeys = keysOf(first.body);
    expect(firstKeys[0]).toMatch(new RegExp(`^menus/${dish.id}/[0-9a-f]{32}-card\\.webp$`));
    expect(firstKeys[1]).toMatch(new RegExp(`^menus/${dish.id}/[0-9a-f]{32}-detail\\.webp$`));
    for (const key of firstKeys) expect(await storage().exists(key)).toBe(true);

    for (const [url, width] of [
      [first.body.imageUrls.card, 480],
      [first.body.imageUrls.detail, 1280],
    ] as const) {
      const served = await fetchBytes(url);
      expect(served.res.status).toBe(200);
      expect(served.res.headers.get('content-type')).toBe('image/webp');
      expect(served.res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(served.res.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await sharp(served.bytes).metadata()).width).toBe(width);
    }

    const second = await t.api.post(`/api/v1/admin/menus/${dish.id}/image`, uploadForm(sampleWebp(), 'dish.png'), {
      token,
    });
    expect(second.status).toBe(200);
    const secondKeys = keysOf(second.body);
    for (const key of firstKeys) expect(await storage().exists(key)).toBe(false);
    expect((await fetchBytes(first.body.imageUrl)).res.status).toBe(404);
    const again = await fetchBytes(second.body.imageUrl);
    expect(again.res.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(again.bytes).metadata()).format).toBe('webp');

    expect((await t.api.delete(`/api/v1/admin/menus/${dish.id}`, { token })).status).toBe(204);
    for (const key of secondKeys) expect(await storage().exists(key)).toBe(false);
    expect((await fetchBytes(second.body.imageUrl)).res.status).toBe(404);
  });

  it('keeps nothing in the bucket for a refused upload', async () => {
    const w = await factories(t.app).world();
    const dish = w.bulgogi;
    const text = Buffer.from('plain text pretending to be a picture');
    const res = await t.api.post(`/api/v1/admin/menus/${dish.id}/image`, uploadForm(text, 'x.png', 'image/png'), {
      token: w.owner.token,
    });
    expect(res.status).toBe(415);
    expect(seen.filter((r) => r.method === 'PUT' && r.url.includes(dish.id))).toEqual([]);
  });
});
