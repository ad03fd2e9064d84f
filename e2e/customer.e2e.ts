import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_DIR, type E2E, SCREENSHOT_DIR, startE2E } from './harness.js';

/** A 10" tablet in landscape, the device the app is designed for. */
const TABLET = { width: 1280, height: 800 };

let e2e: E2E;
let ownerToken: string;
let context: BrowserContext | undefined;
let page: Page;

interface Dish {
  id: string;
  name: string;
  price: number;
  isAvailable: boolean;
}

async function api<T = any>(method: 'get' | 'post' | 'patch', url: string, body?: unknown, token = ownerToken) {
  const res =
    method === 'get'
      ? await e2e.server.api.get<T>(url, { token })
      : await e2e.server.api[method]<T>(url, body, { token });
  return res;
}

async function dishes(): Promise<Dish[]> {
  const res = await api('get', '/api/v1/admin/menus');
  expect(res.status).toBe(200);
  return res.body.menus;
}

async function dish(name: string): Promise<Dish> {
  const found = (await dishes()).find((d) => d.name === name);
  if (!found) throw new Error(`no dish ${name}`);
  return found;
}

/** The table's live orders as staff see them on the dashboard. */
async function serverOrders(tableNumber: number) {
  const res = await api('get', '/api/v1/admin/dashboard');
  expect(res.status).toBe(200);
  const table = res.body.tables.find((t: { number: number }) => t.number === tableNumber);
  return table.orders as Array<{ id: string; orderNo: number; status: string; totalAmount: number }>;
}

async function tableId(tableNumber: number): Promise<string> {
  const res = await api('get', '/api/v1/admin/tables');
  return res.body.tables.find((t: { number: number }) => t.number === tableNumber).id;
}

/** A fresh tablet (own storage) set up by staff for a table, landing on the menu. */
async function setUpTablet(tableNumber: number, options: { viewport?: typeof TABLET; deaf?: boolean } = {}) {
  await context?.close();
  ({ context, page } = await e2e.newPage({ viewport: options.viewport ?? TABLET }));
  // A tablet that misses live events, as one does between a dropped stream and its replay.
  if (options.deaf) await page.route('**/api/v1/table/stream', (route) => route.abort());
  await page.goto(`${e2e.baseUrl}/`);
  await page.waitForURL(/\/setup$/);
  await page.getByLabel('매장 코드').fill('demo');
  await page.getByLabel('테이블 번호').fill(String(tableNumber));
  await page.getByLabel('테이블 비밀번호').fill('1234');
  await page.getByRole('button', { name: '설정 완료' }).click();
  await page.locator('[data-testid="menu-card"]').first().waitFor();
  await page.locator('[data-testid="table-number"]', { hasText: `${tableNumber}번 테이블` }).waitFor();
}

const card = (name: string) => page.locator(`[data-testid="menu-card"][aria-label="${name}"]`);
const cartLine = (name: string) => page.locator('[data-testid="cart-line"]', { hasText: name });
const cartTotal = (amount: string) =>
  page.locator('[data-testid="cart-total"]', { hasText: new RegExp(`^${amount}$`) });

async function add(name: string, times = 1) {
  for (let i = 0; i < times; i++) await card(name).getByTestId('menu-add').click();
}

/** Pictures loaded and toasts gone, so a screenshot shows the screen as a guest sees it. */
async function settle() {
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete));
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0, null, {
    timeout: 10_000,
  });
}

/** Buttons, links and toggle segments on screen that a finger would find too small (under 44 × 44 px). */
function smallTargets(target: Page) {
  return target.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a[href], .mantine-SegmentedControl-label'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(
        ({ el, box }) =>
          `${(el.textContent || el.getAttribute('aria-label') || el.tagName).trim()} ${box.width}×${box.height}`,
      ),
  );
}

async function confirmOrder() {
  await page.getByTestId('cart-order').click();
  await page.getByTestId('confirm-order-submit').click();
}

beforeAll(async () => {
  e2e = await startE2E();
  const res = await e2e.server.api.post('/api/v1/auth/admin/login', {
    storeCode: 'demo',
    username: 'admin',
    password: 'admin1234',
  });
  expect(res.status).toBe(200);
  ownerToken = res.body.token;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: path.join(ARTIFACT_DIR, `customer-${ctx.task.name.replace(/\W+/g, '-')}.png`) });
  }
});

afterAll(async () => {
  await context?.close();
  await e2e?.close();
});

describe('customer tablet', () => {
  it('sets up, orders once despite a double tap, shows the order number and returns to the menu in 5 s', async () => {
    await setUpTablet(3);
    await page.locator('[data-testid="store-name"]', { hasText: '테이블오더 데모점' }).waitFor();
    await page.getByTestId('cart-empty').waitFor();
    await settle();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'customer-menu.png') });

    await add('김치찌개', 2);
    await add('제육볶음');
    // The detail view: a quantity before adding.
    await card('콜라').locator('button').first().click();
    const detail = page.getByTestId('menu-detail');
    await detail.getByRole('button', { name: '수량 늘리기' }).click();
    await detail.getByTestId('menu-detail-add').click();
    await detail.getByTestId('menu-detail-add').waitFor({ state: 'hidden' });

    await cartLine('김치찌개').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor();
    await cartLine('콜라').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor();
    await cartTotal('34,000원').waitFor();
    await card('김치찌개').getByText('2개 담음').waitFor();

    // Show the sold-out dish of the side dishes next to the cart.
    await page.getByTestId('category-rail').getByRole('button', { name: '사이드' }).click();
    await page.locator('[data-testid="category-rail"] [aria-current="true"]', { hasText: '사이드' }).waitFor();
    await page.waitForTimeout(800); // the smooth scroll settling, for the picture only
    await settle();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'customer-cart.png') });

    await page.getByTestId('cart-order').click();
    const confirm = page.getByTestId('confirm-order');
    await confirm.getByText('34,000원 주문하기').waitFor();
    await page.getByTestId('confirm-order-submit').dblclick();

    const done = page.getByTestId('order-done');
    await done.waitFor();
    const shownAt = Date.now();
    const orders = await serverOrders(3);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.totalAmount).toBe(34_000);
    await done
      .getByTestId('order-done-number')
      .filter({ hasText: `${orders[0]?.orderNo}번` })
      .waitFor();
    await done.getByText('초 후 메뉴 화면으로 돌아갑니다').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'customer-order-done.png') });

    await done.waitFor({ state: 'detached', timeout: 8_000 });
    const elapsed = Date.now() - shownAt;
    expect(elapsed).toBeGreaterThan(3_500);
    expect(elapsed).toBeLessThan(7_000);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('cart-empty').waitFor();
    await cartTotal('0원').waitFor();
    expect(await serverOrders(3)).toHaveLength(1);
  });

  it('shows this visit’s orders and follows staff status changes live, without a reload', async () => {
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await page.getByTestId('nav-orders').click();
    await page.waitForURL(/\/orders$/);
    await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
    const [first] = await serverOrders(3);
    if (!first) throw new Error('the first test placed no order');
    const firstCard = page.locator(`[data-testid="my-order"][data-order-id="${first.id}"]`);
    await firstCard.getByText('대기중').waitFor();

    // Another order from the same table (a second tablet, say) appears by itself.
    const table = await e2e.server.api.post('/api/v1/auth/table/login', {
      storeCode: 'demo',
      tableNumber: 3,
      password: '1234',
    });
    const second = await e2e.server.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: (await dish('해물파전')).id, quantity: 1 }] },
      { token: table.body.token, headers: { 'idempotency-key': randomUUID() } },
    );
    expect(second.status).toBe(201);
    await page.locator(`[data-testid="my-order"][data-order-id="${second.body.id}"]`).waitFor();
    await page.locator('[data-testid="my-orders-total"]', { hasText: '50,000원' }).waitFor();
    const shown = await page
      .locator('[data-testid="my-order"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderId));
    expect(shown).toEqual([first.id, second.body.id]);

    const preparing = await api('patch', `/api/v1/admin/orders/${first.id}`, { status: 'preparing' });
    expect(preparing.status).toBe(200);
    await firstCard.getByText('준비중').waitFor({ timeout: 5_000 });
    await settle();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'customer-my-orders.png') });

    expect((await api('patch', `/api/v1/admin/orders/${first.id}`, { status: 'completed' })).status).toBe(200);
    await firstCard.getByText('완료').waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    // Staff end the visit: the list clears itself.
    const ended = await api('post', `/api/v1/admin/tables/${await tableId(3)}/end-session`);
    expect(ended.status).toBe(200);
    await page.getByTestId('my-orders-empty').waitFor({ timeout: 5_000 });
  });

  it('keeps every touch target at least 44 px, on the tablet and on a phone in portrait', async () => {
    await setUpTablet(4, { viewport: { width: 390, height: 844 } });
    await add('불고기');
    await page.getByTestId('cart-open').click();
    await cartLine('불고기').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('my-orders-empty').waitFor();
    expect(await smallTargets(page)).toEqual([]);

    await setUpTablet(4);
    await add('불고기');
    await cartLine('불고기').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await page.getByTestId('cart-order').click();
    await page.getByTestId('confirm-order-submit').waitFor();
    expect(await smallTargets(page)).toEqual([]);
  });

  it('keeps the cart across a reload', async () => {
    await setUpTablet(4);
    await add('불고기');
    await add('식혜', 3);
    await cartTotal('24,000원').waitFor();
    await page.reload();
    await cartLine('불고기').waitFor();
    await cartLine('식혜').getByTestId('quantity-value').filter({ hasText: '3' }).waitFor();
    await cartTotal('24,000원').waitFor();
    expect(await page.locator('[data-testid="cart-line"]').count()).toBe(2);

    // Emptied on purpose, it stays empty after a reload too.
    await page.getByRole('button', { name: '전체 삭제' }).click();
    await page.getByTestId('cart-clear-confirm').click();
    await page.getByTestId('cart-empty').waitFor();
    await page.reload();
    await page.locator('[data-testid="menu-card"]').first().waitFor();
    await page.getByTestId('cart-empty').waitFor();
  });

  it('follows the scroll with the category rail, and explains a menu that cannot load instead of a blank screen', async () => {
    await setUpTablet(4);
    const active = (name: string) =>
      page.locator('[data-testid="category-rail"] [aria-current="true"]', { hasText: name }).waitFor();
    await active('메인 요리');
    await page
      .getByTestId('menu-sections')
      .evaluate((el) => el.scrollTo({ top: el.scrollHeight, behavior: 'instant' }));
    await active('주류');
    await page.getByTestId('menu-sections').evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
    await active('메인 요리');

    await page.route('**/api/v1/table/menu', (route) => route.abort('connectionrefused'));
    await page.reload();
    const error = page.getByRole('alert').filter({ hasText: '서버에 연결할 수 없습니다' });
    await error.waitFor({ timeout: 15_000 });
    await page.unroute('**/api/v1/table/menu');
    await error.getByRole('button', { name: '다시 시도' }).click();
    await card('김치찌개').waitFor();
  });

  it('does not let a sold-out dish into the cart, and flags one that sells out while in it', async () => {
    await setUpTablet(5);
    const soldOut = card('군만두');
    await soldOut.getByText('품절').waitFor();
    expect(await soldOut.getAttribute('data-sold-out')).toBe('true');
    expect(await soldOut.getByTestId('menu-add').isDisabled()).toBe(true);
    await soldOut.getByTestId('menu-add').click({ force: true });
    await soldOut.locator('button').first().click();
    const detail = page.getByTestId('menu-detail');
    expect(await detail.getByTestId('menu-detail-add').isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await detail.getByTestId('menu-detail-add').waitFor({ state: 'hidden' });
    await page.getByTestId('cart-empty').waitFor();

    // Staff mark a dish sold out while it sits in the cart: the tablet learns it live.
    await add('떡볶이');
    await add('계란말이');
    const tteokbokki = await dish('떡볶이');
    try {
      expect((await api('patch', `/api/v1/admin/menus/${tteokbokki.id}`, { isAvailable: false })).status).toBe(200);
      await card('떡볶이').getByText('품절').waitFor({ timeout: 5_000 });
      await cartLine('떡볶이').getByText('품절되었습니다').waitFor();
      expect(await page.getByTestId('cart-order').isDisabled()).toBe(true);
      await page.getByRole('button', { name: '주문할 수 없는 메뉴 빼기' }).click();
      await cartLine('떡볶이').waitFor({ state: 'detached' });
      await cartTotal('6,000원').waitFor();
      expect(await page.getByTestId('cart-order').isDisabled()).toBe(false);
    } finally {
      await api('patch', `/api/v1/admin/menus/${tteokbokki.id}`, { isAvailable: true });
    }
    await card('떡볶이').and(page.locator(':not([data-sold-out])')).waitFor({ timeout: 5_000 });
  });

  it('says which dish sold out when the server refuses the order, and keeps the cart', async () => {
    await setUpTablet(1, { deaf: true });
    await add('해물파전');
    await add('콜라', 2);
    const pajeon = await dish('해물파전');
    try {
      expect((await api('patch', `/api/v1/admin/menus/${pajeon.id}`, { isAvailable: false })).status).toBe(200);
      await confirmOrder();
      const failure = page.getByTestId('order-failure');
      await failure.getByTestId('order-failure-reason').filter({ hasText: '해물파전' }).waitFor();
      await failure.getByRole('button', { name: '확인' }).click();
      await failure.getByTestId('order-failure-reason').waitFor({ state: 'hidden' });
      await cartLine('해물파전').getByText('품절되었습니다').waitFor();
      await cartLine('콜라').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor();
      expect(await serverOrders(1)).toHaveLength(0);
    } finally {
      await api('patch', `/api/v1/admin/menus/${pajeon.id}`, { isAvailable: true });
    }
  });

  it('holds an order made offline and sends it exactly once when the network returns', async () => {
    await setUpTablet(6);
    await add('비빔밥', 2);
    await cartTotal('20,000원').waitFor();
    await context?.setOffline(true);
    await confirmOrder();
    const pending = page.getByTestId('pending-order');
    await pending.getByText('주문 전송 대기 중').waitFor();
    await cartLine('비빔밥').waitFor();
    expect(await serverOrders(6)).toHaveLength(0);

    await context?.setOffline(false);
    const done = page.getByTestId('order-done');
    await done.waitFor({ timeout: 15_000 });
    await pending.waitFor({ state: 'detached' });
    const orders = await serverOrders(6);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.totalAmount).toBe(20_000);
    await done
      .getByTestId('order-done-number')
      .filter({ hasText: `${orders[0]?.orderNo}번` })
      .waitFor();
    await page.getByTestId('order-done-close').click();
    await page.getByTestId('cart-empty').waitFor();
  });

  it('retries with the same key after a lost answer, also across a reload, and creates one order', async () => {
    await setUpTablet(7);
    await add('된장찌개');
    const keys: string[] = [];
    // The first attempt reaches the server, but its answer is lost on the way back.
    await page.route('**/api/v1/table/orders', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) await route.fetch();
      await route.abort('connectionreset');
    });
    await confirmOrder();
    await page.getByTestId('pending-order').waitFor();
    expect(await serverOrders(7)).toHaveLength(1);

    await page.reload();
    await page.getByTestId('pending-order').waitFor();
    await cartLine('된장찌개').waitFor();
    await page.unroute('**/api/v1/table/orders');

    // The retry timer sends it again; the server recognises the key and answers with the same order.
    const done = page.getByTestId('order-done');
    await done.waitFor({ timeout: 30_000 });
    const orders = await serverOrders(7);
    expect(orders).toHaveLength(1);
    await done
      .getByTestId('order-done-number')
      .filter({ hasText: `${orders[0]?.orderNo}번` })
      .waitFor();
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
  });

  it('signs in again by itself when the token is revoked or invalid, and asks staff only when the password changed', async () => {
    await setUpTablet(8);
    await add('사이다');
    const tokenNow = () =>
      page.evaluate(() => JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}').token as string);
    const firstToken = await tokenNow();

    // The same password set again still revokes every token the tablet holds; the server ends the
    // tablet's stream, and the tablet signs in again with what staff stored at setup.
    const id = await tableId(8);
    expect((await api('patch', `/api/v1/admin/tables/${id}`, { password: '1234' })).status).toBe(200);
    await page.waitForFunction(
      (old) => JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}').token !== old,
      firstToken,
      { timeout: 15_000 },
    );
    await page.getByTestId('nav-orders').click();
    await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('my-orders-empty').waitFor();
    expect(new URL(page.url()).pathname).toBe('/orders');

    // A token the server does not accept at all (expired, signed with an old key) is replaced too.
    await page.evaluate(() => {
      const device = JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}');
      localStorage.setItem('tableorder.customer.device', JSON.stringify({ ...device, token: 'not-a-valid-token' }));
    });
    await page.reload();
    await page.getByTestId('my-orders-empty').waitFor();
    expect(await tokenNow()).not.toBe('not-a-valid-token');

    // A new password: the stored one no longer works, so the tablet goes back to setup and says why.
    expect((await api('patch', `/api/v1/admin/tables/${id}`, { password: '5678' })).status).toBe(200);
    await page.reload();
    await page.waitForURL(/\/setup$/);
    await page.getByTestId('setup-revoked').waitFor();
    expect(await page.getByLabel('매장 코드').inputValue()).toBe('demo');
    expect(await page.getByLabel('테이블 번호').inputValue()).toBe('8');
    await page.getByLabel('테이블 비밀번호').fill('5678');
    await page.getByRole('button', { name: '설정 완료' }).click();
    await page.locator('[data-testid="menu-card"]').first().waitFor();
    await cartLine('사이다').waitFor();
    await api('patch', `/api/v1/admin/tables/${id}`, { password: '1234' });
  });

  it('opens setup again only through the long press on the logo and the table password', async () => {
    await setUpTablet(2);
    await page.goto(`${e2e.baseUrl}/setup`);
    await page.waitForURL((url) => url.pathname === '/');

    const logo = page.getByTestId('staff-gate');
    const box = await logo.boundingBox();
    if (!box) throw new Error('no logo');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(3_300);
    await page.mouse.up();
    const check = page.getByTestId('staff-check');
    await check.getByLabel('테이블 비밀번호').fill('0000');
    await check.getByRole('button', { name: '확인' }).click();
    await check.getByText('비밀번호가 맞지 않습니다.').waitFor();
    await check.getByLabel('테이블 비밀번호').fill('1234');
    await check.getByRole('button', { name: '확인' }).click();
    await page.waitForURL(/\/setup$/);
    expect(await page.getByLabel('테이블 번호').inputValue()).toBe('2');
    await page.getByRole('button', { name: '설정 취소' }).click();
    await page.waitForURL((url) => url.pathname === '/');

    // Korean by default; English on the toggle.
    await page.getByText('English').click();
    await page.locator('[data-testid="table-number"]', { hasText: 'Table 2' }).waitFor();
    await page.getByText('Your cart is empty').waitFor();
  });
});
