#!/usr/bin/env node
// After a deploy: proves the live installation serves its API, signs staff in, and stores and
// serves a picture through its image storage (S3 in production), end to end over HTTP. Plain
// Node.js (>= 20), no dependencies, so it runs from the release on the server or from anywhere.
//   SUPERADMIN_USERNAME=… SUPERADMIN_PASSWORD=… node deploy/scripts/smoke-test.mjs https://order.example.com
// It works in a store of its own, `ops-smoke`, that it creates once and leaves inactive (nobody
// can sign in to it between runs); its owner gets a new random password every run. The dish it
// creates is deleted at the end. Exit code 0 when everything passed.
import { randomBytes } from 'node:crypto';

const SMOKE_STORE = 'ops-smoke';
const SMOKE_OWNER = 'smoke-owner';
const SMOKE_CATEGORY = 'smoke-test';
// A 1×1 PNG: the server recognises pictures by their bytes and stores them again as WebP.
const PICTURE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

const base = (process.argv[2] ?? '').replace(/\/+$/, '');
const username = process.env.SUPERADMIN_USERNAME;
const password = process.env.SUPERADMIN_PASSWORD;
if (!/^https?:\/\//.test(base) || !username || !password) {
  console.error('usage: SUPERADMIN_USERNAME=… SUPERADMIN_PASSWORD=… node smoke-test.mjs <base-url>');
  process.exit(2);
}

const started = performance.now();
const step = (what) => console.log(`smoke-test: ${what} (${Math.round(performance.now() - started)} ms)`);

async function call(method, path, { token, body, form, expect = [200] } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) {
    throw new Error(`${method} ${path} answered ${res.status}, expected ${expect.join(' or ')}: ${text.slice(0, 300)}`);
  }
  return text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
}

let storeId;
let superToken;
let menuId;
let ownerToken;
try {
  const health = await call('GET', '/health');
  step(`health ${JSON.stringify(health)}`);
  if (health.storage !== undefined && health.storage !== 'ok') throw new Error(`image storage: ${health.storage}`);

  superToken = (await call('POST', '/api/v1/auth/superadmin/login', { body: { username, password } })).token;
  step('super-admin signed in');

  const { stores } = await call('GET', '/api/v1/superadmin/stores', { token: superToken });
  const existing = stores.find((s) => s.code === SMOKE_STORE);
  storeId = existing
    ? (await call('PATCH', `/api/v1/superadmin/stores/${existing.id}`, { token: superToken, body: { isActive: true } }))
        .id
    : (
        await call('POST', '/api/v1/superadmin/stores', {
          token: superToken,
          body: { code: SMOKE_STORE, name: 'Smoke test (operations)', isActive: true },
          expect: [201],
        })
      ).id;

  const ownerPassword = randomBytes(18).toString('base64url');
  const { users } = await call('GET', `/api/v1/superadmin/stores/${storeId}/admins`, { token: superToken });
  const owner = users.find((u) => u.username === SMOKE_OWNER);
  if (owner) {
    await call('PATCH', `/api/v1/superadmin/stores/${storeId}/admins/${owner.id}`, {
      token: superToken,
      body: { password: ownerPassword },
    });
  } else {
    await call('POST', `/api/v1/superadmin/stores/${storeId}/admins`, {
      token: superToken,
      body: { username: SMOKE_OWNER, password: ownerPassword, role: 'owner' },
      expect: [201],
    });
  }
  ownerToken = (
    await call('POST', '/api/v1/auth/admin/login', {
      body: { storeCode: SMOKE_STORE, username: SMOKE_OWNER, password: ownerPassword },
    })
  ).token;
  step(`store ${SMOKE_STORE} open, its owner signed in`);

  const { categories } = await call('GET', '/api/v1/admin/categories', { token: ownerToken });
  const category =
    categories.find((c) => c.name === SMOKE_CATEGORY) ??
    (await call('POST', '/api/v1/admin/categories', {
      token: ownerToken,
      body: { name: SMOKE_CATEGORY },
      expect: [201],
    }));
  const menu = await call('POST', '/api/v1/admin/menus', {
    token: ownerToken,
    body: { categoryId: category.id, name: `smoke ${new Date().toISOString()}`, price: 0, isAvailable: false },
    expect: [201],
  });
  menuId = menu.id;

  const form = new FormData();
  form.append('file', new Blob([PICTURE], { type: 'image/png' }), 'smoke.png');
  const withPicture = await call('POST', `/api/v1/admin/menus/${menuId}/image`, { token: ownerToken, form });
  if (!withPicture.imageUrl) throw new Error('the upload answered a menu without imageUrl');
  step(`picture uploaded: ${withPicture.imageUrl}`);

  // The server decodes every upload and stores it again as WebP variants (card, detail): each
  // must come back as a WebP picture from the image storage.
  const urls = [...new Set([withPicture.imageUrl, ...Object.values(withPicture.imageUrls ?? {})])];
  const sizes = [];
  for (const url of urls) {
    const res = await fetch(`${base}${url}`, { signal: AbortSignal.timeout(15_000) });
    const served = Buffer.from(await res.arrayBuffer());
    const webp =
      served.subarray(0, 4).toString('latin1') === 'RIFF' && served.subarray(8, 12).toString('latin1') === 'WEBP';
    if (res.status !== 200 || !webp) {
      throw new Error(`GET ${url} answered ${res.status} with ${served.length} bytes, not a WebP picture`);
    }
    sizes.push(`${served.length} bytes, ${res.headers.get('content-type')}`);
  }
  step(`picture served back as WebP: ${urls.length} variants (${sizes.join('; ')})`);
} catch (err) {
  console.error(`smoke-test: FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  // Leave nothing behind: the dish goes, the store is closed until the next run.
  if (menuId && ownerToken) {
    await call('DELETE', `/api/v1/admin/menus/${menuId}`, { token: ownerToken, expect: [204] }).catch((err) =>
      console.error(`smoke-test: could not delete the test dish: ${err.message}`),
    );
  }
  if (storeId && superToken) {
    await call('PATCH', `/api/v1/superadmin/stores/${storeId}`, { token: superToken, body: { isActive: false } }).catch(
      (err) => console.error(`smoke-test: could not close ${SMOKE_STORE}: ${err.message}`),
    );
  }
}
if (process.exitCode !== 1) step('passed');
