import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ARTIFACT_DIR, DEMO, type E2E, startE2E } from './harness.js';

/** A 10" tablet in landscape, the device the app is designed for. */
export const TABLET = { width: 1280, height: 800 };

interface Dish {
  id: string;
  name: string;
  price: number;
  isAvailable: boolean;
}

/**
 * Drives the customer app on one tablet at a time (a fresh browser context per `setUp`), and
 * checks the server's side through the staff API with the demo owner's token.
 */
export function tabletDriver(e2e: () => E2E) {
  let ownerToken = '';
  let context: BrowserContext | undefined;
  let current: Page | undefined;

  const page = (): Page => {
    if (!current) throw new Error('no tablet yet: call setUp first');
    return current;
  };

  const driver = {
    get page() {
      return page();
    },
    get context() {
      if (!context) throw new Error('no tablet yet: call setUp first');
      return context;
    },

    async signInOwner() {
      const res = { status: 200, body: { token: await e2e().staffToken() } };
      expect(res.status).toBe(200);
      ownerToken = res.body.token;
    },

    /** The staff API as the demo owner. */
    api(method: 'get' | 'post' | 'patch', url: string, body?: unknown) {
      const { api } = e2e().server;
      return method === 'get' ? api.get(url, { token: ownerToken }) : api[method](url, body, { token: ownerToken });
    },

    /** The super-admin changes the demo store (name, active flag). */
    async updateDemoStore(patch: { name?: string; isActive?: boolean }) {
      const { api } = e2e().server;
      const signIn = await api.post('/api/v1/auth/superadmin/login', {
        username: 'superadmin',
        password: DEMO.superadmin.password,
      });
      expect(signIn.status).toBe(200);
      const token = signIn.body.token as string;
      const stores = await api.get('/api/v1/superadmin/stores', { token });
      const demo = (stores.body.stores as Array<{ id: string; code: string }>).find((s) => s.code === 'demo');
      if (!demo) throw new Error('no demo store');
      expect((await api.patch(`/api/v1/superadmin/stores/${demo.id}`, patch, { token })).status).toBe(200);
    },

    async dish(name: string): Promise<Dish> {
      const res = await driver.api('get', '/api/v1/admin/menus');
      expect(res.status).toBe(200);
      const found = (res.body.menus as Dish[]).find((d) => d.name === name);
      if (!found) throw new Error(`no dish ${name}`);
      return found;
    },

    /** The table's live orders as staff see them on the dashboard. */
    async serverOrders(tableNumber: number) {
      const res = await driver.api('get', '/api/v1/admin/dashboard');
      expect(res.status).toBe(200);
      const table = res.body.tables.find((t: { number: number }) => t.number === tableNumber);
      return table.orders as Array<{ id: string; orderNo: number; status: string; totalAmount: number }>;
    },

    async tableId(tableNumber: number): Promise<string> {
      const res = await driver.api('get', '/api/v1/admin/tables');
      return res.body.tables.find((t: { number: number }) => t.number === tableNumber).id;
    },

    /** A fresh tablet (own storage) set up by staff for a table, landing on the menu. */
    async setUp(tableNumber: number, options: { viewport?: typeof TABLET; deaf?: boolean } = {}) {
      await context?.close();
      ({ context, page: current } = await e2e().newPage({ viewport: options.viewport ?? TABLET }));
      const p = page();
      // A tablet that misses live events, as one does between a dropped stream and its replay.
      if (options.deaf) await p.route('**/api/v1/table/stream', (route) => route.abort());
      await p.goto(`${e2e().baseUrl}/`);
      await p.waitForURL(/\/setup$/);
      await p.getByLabel('매장 코드').fill(DEMO.store);
      await p.getByLabel('테이블 번호').fill(String(tableNumber));
      await p.getByLabel('테이블 비밀번호').fill(DEMO.tablePassword);
      await p.getByRole('button', { name: '설정 완료' }).click();
      await p.locator('[data-testid="menu-card"]').first().waitFor();
      await p.locator('[data-testid="table-number"]', { hasText: `${tableNumber}번 테이블` }).waitFor();
    },

    card: (name: string) => page().locator(`[data-testid="menu-card"][aria-label="${name}"]`),
    cartLine: (name: string) => page().locator('[data-testid="cart-line"]', { hasText: name }),
    cartTotal: (amount: string) => page().locator('[data-testid="cart-total"]', { hasText: new RegExp(`^${amount}$`) }),

    async add(name: string, times = 1) {
      for (let i = 0; i < times; i++) await driver.card(name).getByTestId('menu-add').click();
    },

    /** The hidden staff gesture: a finger held on the logo for a little over three seconds. */
    async holdLogo() {
      const box = await page().getByTestId('staff-gate').boundingBox();
      if (!box) throw new Error('no logo');
      await page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page().mouse.down();
      await page().waitForTimeout(3_300);
      await page().mouse.up();
    },

    /** What the tablet keeps in its storage about its setup. */
    storedDevice() {
      return page().evaluate(
        () =>
          JSON.parse(localStorage.getItem('tableorder.customer.device') ?? 'null') as {
            place: { storeCode: string; tableNumber: number };
            password: string | null;
            token: string | null;
            lock: string | null;
          } | null,
      );
    },

    async confirmOrder() {
      await page().getByTestId('cart-order').click();
      await page().getByTestId('confirm-order-submit').click();
    },

    /**
     * Pictures on screen loaded and toasts gone, so a screenshot shows the screen as a guest sees
     * it (lazy pictures far below the fold are not loaded until scrolled to).
     */
    async settle() {
      await page().waitForFunction(() =>
        Array.from(document.images)
          .filter((img) => {
            const box = img.getBoundingClientRect();
            return box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
          })
          .every((img) => img.complete),
      );
      await page().waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0, null, {
        timeout: 10_000,
      });
    },

    /** Buttons, links and toggle segments on screen that a finger would find too small (under 44 × 44 px). */
    smallTargets() {
      return page().evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('button, a[href], .mantine-SegmentedControl-label'))
          .map((el) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && box.height > 0)
          .filter(({ box }) => box.width < 44 || box.height < 44)
          .map(
            ({ el, box }) =>
              `${(el.textContent || el.getAttribute('aria-label') || el.tagName).trim()} ${box.width}×${box.height}`,
          ),
      );
    },

    async screenshotFailure(testName: string) {
      await current?.screenshot({ path: path.join(ARTIFACT_DIR, `customer-${testName.replace(/\W+/g, '-')}.png`) });
    },

    async close() {
      await context?.close();
      context = undefined;
      current = undefined;
    },
  };
  return driver;
}

/**
 * A customer test file's server and tablet: started (and the owner signed in) before its tests, a
 * failing test's screen saved, both closed after them.
 */
export function tabletSuite() {
  let e2e: E2E | undefined;
  const server = (): E2E => {
    if (!e2e) throw new Error('the server starts in beforeAll');
    return e2e;
  };
  const tablet = tabletDriver(server);

  beforeAll(async () => {
    e2e = await startE2E();
    await tablet.signInOwner();
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await tablet.screenshotFailure(ctx.task.name);
  });

  afterAll(async () => {
    await tablet.close();
    await e2e?.close();
  });

  return { tablet, e2e: server };
}
