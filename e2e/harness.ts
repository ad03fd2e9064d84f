import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { type Clock, systemClock } from '../server/lib/clock.js';
import { PROJECT_ROOT } from '../server/lib/paths.js';
import { demoImageAttacher } from '../server/modules/bootstrap/bootstrap.images.js';
import { bootstrap } from '../server/modules/bootstrap/bootstrap.service.js';
import { createImageStorage } from '../server/modules/images/images.storage-factory.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';

/** Debian's Chromium; playwright's own browser download is not used. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'docs', 'screenshots');
export const ARTIFACT_DIR = path.join(PROJECT_ROOT, 'e2e', 'artifacts');

/** The demo store the e2e server seeds (the same as a first development start). */
export const DEMO = {
  store: 'demo',
  owner: { username: 'admin', password: 'admin1234' },
  superadmin: { username: 'superadmin', password: 'superadmin1234' },
  tablePassword: '1234',
} as const;

/**
 * Saves a documentation screenshot. They are committed under docs/screenshots and refreshed only
 * on purpose (`E2E_SCREENSHOTS=1 npm run test:e2e`); ordinary runs write to e2e/artifacts.
 */
/** Fills the staff sign-in form of the demo store on the page and submits it. */
export async function fillStaffSignIn(
  page: Page,
  username: string = DEMO.owner.username,
  password: string = DEMO.owner.password,
): Promise<void> {
  await page.getByLabel('매장 코드').fill(DEMO.store);
  await page.getByLabel('아이디').fill(username);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}

/** Opens /admin, signs the demo owner in and waits for a live dashboard. */
export async function signInStaff(e2e: E2E, page: Page): Promise<void> {
  await page.goto(`${e2e.baseUrl}/admin`);
  await fillStaffSignIn(page);
  // On a phone, free tables are folded into one row instead of cards.
  await page.locator('[data-testid="table-card"], [data-testid="free-tables"]').first().waitFor();
  await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
}

/** Keeps a picture of the page under e2e/artifacts for every test of the file that fails. */
export function screenshotFailures(page: () => Page | undefined): void {
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await page()?.screenshot({ path: path.join(ARTIFACT_DIR, `${context.task.name.replace(/\W+/g, '-')}.png`) });
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS === '1' ? SCREENSHOT_DIR : ARTIFACT_DIR;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name) });
}

export interface E2E {
  server: TestApp<Clock>;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (own storage) and page. */
  newPage(options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<{
    context: BrowserContext;
    page: Page;
  }>;
  /** Stops the server and starts it again on the same port and database (streams drop). */
  restartServer(downMs?: number): Promise<void>;
  /** Stops the server without starting it again (until `startServer`). */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** A demo table's token, signed in over the API (kept for the run). */
  tableToken(tableNumber: number): Promise<string>;
  /** The demo owner's token, signed in over the API. */
  staffToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app (seeded with the demo store, real clock, built web apps from dist/web) on a fresh
 * database, and a headless Chromium. Run `npm run build:web` first (`npm run test:e2e` does).
 */
export async function startE2E(): Promise<E2E> {
  const database: TestDatabase = await createTestDatabase();
  const start = (port?: number) =>
    startTestApp({
      database,
      clock: systemClock,
      port,
      env: { SSE_HEARTBEAT_INTERVAL: '2', PUBLIC_BASE_URL: 'https://order.example.com' },
    });
  let server = await start();
  await bootstrap(server.app.db, server.config, demoImageAttacher(server.app, createImageStorage(server.config)));
  const port = Number(new URL(server.url).port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  let running = true;
  const tokens = new Map<string, string>();
  async function signIn(key: string, path: string, body: Record<string, unknown>): Promise<string> {
    const known = tokens.get(key);
    if (known) return known;
    const res = await server.api.post(path, body);
    if (res.status !== 200) throw new Error(`signing in ${key} answered ${res.status}`);
    tokens.set(key, res.body.token);
    return res.body.token;
  }

  const e2e: E2E = {
    get server() {
      return server;
    },
    baseUrl: server.url,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        locale: options.locale ?? 'ko-KR',
        timezoneId: 'Asia/Seoul',
        deviceScaleFactor: 1,
      });
      const page = await context.newPage();
      return { context, page };
    },
    async stopServer() {
      if (!running) return;
      running = false;
      await server.app.close();
    },
    async startServer() {
      if (running) return;
      server = await start(port);
      running = true;
    },
    async restartServer(downMs = 0) {
      await e2e.stopServer();
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await e2e.startServer();
    },
    tableToken: (tableNumber) =>
      signIn(`table:${tableNumber}`, '/api/v1/auth/table/login', {
        storeCode: DEMO.store,
        tableNumber,
        password: DEMO.tablePassword,
      }),
    staffToken: () => signIn('owner', '/api/v1/auth/admin/login', { storeCode: DEMO.store, ...DEMO.owner }),
    async close() {
      await browser.close().catch(() => {});
      if (running) await server.app.close().catch(() => {});
      await database.close();
    },
  };
  return e2e;
}

/** Orders as a tablet does, over the API: the table's menu read, the dishes picked by name, a fresh key. */
export async function orderAsTablet(
  e2e: E2E,
  token: string,
  picks: Array<[string, number]>,
): Promise<{ id: string; orderNo: number; totalAmount: number; sessionId: string }> {
  const menu = await e2e.server.api.get('/api/v1/table/menu', { token });
  const dishes = menu.body.categories.flatMap((c: { menus: Array<{ id: string; name: string }> }) => c.menus);
  const items = picks.map(([name, quantity]) => {
    const dish = dishes.find((d: { name: string }) => d.name === name);
    if (!dish) throw new Error(`no dish ${name}`);
    return { menuId: dish.id, quantity };
  });
  const res = await e2e.server.api.post(
    '/api/v1/table/orders',
    { items },
    { token, headers: { 'idempotency-key': randomUUID() } },
  );
  if (res.status !== 201) throw new Error(`the order answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
