import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabletDriver } from './customer-tablet.js';
import { type E2E, saveScreenshot, screenshotFailures, signInStaff, startE2E } from './harness.js';

/** A phone held upright. */
const PHONE = { width: 390, height: 844 };

let e2e: E2E;
const tablet = tabletDriver(() => e2e);
const phones: Page[] = [];
let failing: Page | undefined;
screenshotFailures(() => failing);

beforeAll(async () => {
  e2e = await startE2E();
  await tablet.signInOwner();
});
afterAll(async () => {
  await tablet.close();
  await e2e?.close();
});

async function qrOf(tableNumber: number): Promise<{ code: string; url: string }> {
  const id = await tablet.tableId(tableNumber);
  const res = await tablet.api('get', `/api/v1/admin/tables/${id}/qr`);
  expect(res.status).toBe(200);
  return res.body;
}

/** A guest's phone (own browser context) that scanned the table's code and joined. */
async function phoneAt(code: string): Promise<Page> {
  const { page } = await e2e.newPage({ viewport: PHONE });
  phones.push(page);
  await page.goto(`${e2e.baseUrl}/q/${code}`);
  await page.getByTestId('guest-app').waitFor();
  await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
  return page;
}

const phoneCartLine = (page: Page, name: string) => page.locator('[data-testid="shared-cart-line"]', { hasText: name });

/** Milliseconds until every check holds, started together right after `act`. */
async function timeUntilSeen(act: () => Promise<void>, checks: Array<() => Promise<void>>): Promise<number> {
  const started = performance.now();
  await act();
  await Promise.all(checks.map((check) => check()));
  return performance.now() - started;
}

describe("guests' own phones at one table", () => {
  it('tablet and two phones fill one cart live, one phone orders it, all see the order; ending the visit ends the phones', async () => {
    const patched = await tablet.api('patch', '/api/v1/admin/settings', { guestOrdering: 'any-table' });
    expect(patched.status).toBe(200);
    await tablet.setUp(5);
    failing = tablet.page;
    const { code, url } = await qrOf(5);
    expect(url).toBe(`https://order.example.com/q/${code}`);

    const phone1 = await phoneAt(code);
    failing = phone1;
    // The code left the address bar the moment the page opened.
    expect(new URL(phone1.url()).pathname).toBe('/q');
    const phone2 = await phoneAt(code);
    expect(new URL(phone2.url()).pathname).toBe('/q');
    await phone1.getByTestId('guest-label').filter({ hasText: '손님 1' }).waitFor();
    await phone2.getByTestId('guest-label').filter({ hasText: '손님 2' }).waitFor();
    // The pictures on screen (those further down load lazily, when scrolled to).
    await phone1.waitForFunction(() =>
      Array.from(document.images)
        .slice(0, 4)
        .every((img) => img.complete),
    );
    await saveScreenshot(phone1, 'phone-menu.png');
    // The tablet's stream is up: it mirrors the shared cart from now on.
    await tablet.page.waitForFunction(() => !document.querySelector('[data-testid="connection-notice"]'));

    // Phone 1 adds on the menu; phone 2 watches the cart; the tablet shows its cart beside the menu.
    await phone2.getByTestId('guest-tab-cart').click();
    await phone2.getByTestId('shared-cart-empty').waitFor();
    const first = await timeUntilSeen(
      () => phone1.locator('[data-testid="menu-card"][aria-label="김치찌개"]').getByTestId('menu-add').click(),
      [() => tablet.cartLine('김치찌개').waitFor(), () => phoneCartLine(phone2, '김치찌개').waitFor()],
    );

    // Phone 2 adds twice while phone 1 now watches the cart.
    await phone1.getByTestId('guest-tab-cart').click();
    await phoneCartLine(phone1, '김치찌개').waitFor();
    await phone2.getByRole('tab', { name: '메뉴' }).click();
    const second = await timeUntilSeen(async () => {
      const add = phone2.locator('[data-testid="menu-card"][aria-label="불고기"]').getByTestId('menu-add');
      await add.click();
      await add.click();
    }, [
      () => tablet.cartLine('불고기').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor(),
      () => phoneCartLine(phone1, '불고기').locator('[data-testid="quantity-value"]', { hasText: '2' }).waitFor(),
    ]);
    console.log(`shared cart seen on every device after ${Math.round(first)} ms and ${Math.round(second)} ms`);
    expect(first).toBeLessThan(1_000);
    expect(second).toBeLessThan(1_000);

    // One cart, the same everywhere, saying who added what.
    const total = '39,000원';
    await tablet.cartTotal(total).waitFor();
    await phone1.locator('[data-testid="shared-cart-total"]', { hasText: total }).waitFor();
    await phone2.getByTestId('guest-tab-cart').click();
    await phone2.locator('[data-testid="shared-cart-total"]', { hasText: total }).waitFor();
    await phoneCartLine(phone1, '김치찌개').getByTestId('shared-cart-added-by').filter({ hasText: '손님 1' }).waitFor();
    await phoneCartLine(phone1, '불고기').getByTestId('shared-cart-added-by').filter({ hasText: '손님 2' }).waitFor();
    await tablet.settle();
    await saveScreenshot(phone1, 'phone-shared-cart.png');
    await saveScreenshot(tablet.page, 'tablet-shared-cart.png');

    // Phone 1 orders the whole cart; everyone sees the order, and the cart empties everywhere.
    await phone1.getByTestId('shared-cart-order').click();
    await phone1.getByTestId('shared-cart-confirm').click();
    await phone1.getByTestId('my-order').waitFor();
    const orders = await tablet.serverOrders(5);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.totalAmount).toBe(39_000);
    const orderId = orders[0]?.id ?? '';
    await phone2.getByTestId('shared-cart-empty').waitFor();
    await phone2.getByTestId('guest-tab-orders').click();
    await phone2.locator(`[data-testid="my-order"][data-order-id="${orderId}"]`).waitFor();
    await tablet.page.getByTestId('cart-empty').waitFor();
    await tablet.page.getByTestId('nav-orders').click();
    await tablet.page.locator(`[data-testid="my-order"][data-order-id="${orderId}"]`).waitFor();
    await saveScreenshot(phone1, 'phone-orders.png');

    // Staff end the visit: both phones are out, and say so.
    const tableId = await tablet.tableId(5);
    expect((await tablet.api('post', `/api/v1/admin/tables/${tableId}/end-session`)).status).toBe(200);
    for (const phone of [phone1, phone2]) await phone.getByTestId('guest-visit-over').waitFor();
    await saveScreenshot(phone2, 'phone-visit-over.png');
    // The old code scanned again joins the next visit, not the one that ended.
    await tablet.page.getByTestId('my-orders-empty').waitFor();
  });

  it('asks for the PIN where the store requires one, and explains a changed code', async () => {
    expect(
      (await tablet.api('patch', '/api/v1/admin/settings', { requirePin: true, guestOrdering: 'any-table' })).status,
    ).toBe(200);
    const { code } = await qrOf(6);
    const { page } = await e2e.newPage({ viewport: PHONE });
    phones.push(page);
    failing = page;
    // Under any-table the first phone opens the table (no PIN exists yet); the next one needs it.
    await page.goto(`${e2e.baseUrl}/q/${code}`);
    await page.getByTestId('guest-app').waitFor();
    const dashboard = await tablet.api('get', '/api/v1/admin/dashboard');
    const pin = dashboard.body.tables.find((t: { number: number }) => t.number === 6).pin as string;
    expect(pin).toMatch(/^\d{4}$/);

    const { page: second } = await e2e.newPage({ viewport: PHONE });
    phones.push(second);
    failing = second;
    await second.goto(`${e2e.baseUrl}/q/${code}`);
    const form = second.getByTestId('guest-pin');
    await form.waitFor();
    expect(new URL(second.url()).pathname).toBe('/q');
    await saveScreenshot(second, 'phone-pin.png');
    const firstDigit = form.locator('input:not([type="hidden"])').first();
    await firstDigit.click();
    await second.keyboard.type(pin === '0000' ? '1111' : '0000');
    await second.getByRole('button', { name: '주문 시작하기' }).click();
    await form.getByRole('alert').waitFor();
    await firstDigit.click();
    await second.keyboard.type(pin);
    await second.getByRole('button', { name: '주문 시작하기' }).click();
    await second.getByTestId('guest-app').waitFor();

    // Staff replace the table's code: the phones are out at once, the old code is refused.
    const id = await tablet.tableId(6);
    expect((await tablet.api('post', `/api/v1/admin/tables/${id}/qr/rotate`)).status).toBe(200);
    await page.getByTestId('guest-tab-orders').click();
    await page.getByTestId('guest-visit-over').filter({ hasText: 'QR 코드가 바뀌었습니다' }).waitFor();
    const { page: late } = await e2e.newPage({ viewport: PHONE });
    phones.push(late);
    await late.goto(`${e2e.baseUrl}/q/${code}`);
    await late.getByTestId('guest-unknown-code').waitFor();
    expect((await tablet.api('patch', '/api/v1/admin/settings', { requirePin: false })).status).toBe(200);
  });

  it('gives staff each table’s code, a printable sheet of all of them, and the settings', async () => {
    const { page } = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    failing = page;
    await signInStaff(e2e, page);
    await page.goto(`${e2e.baseUrl}/admin/tables`);
    await page.getByTestId('table-qr-open').first().click();
    const qr = page.getByTestId('table-qr');
    await qr.getByTestId('qr-code').locator('svg').waitFor();
    await qr.getByTestId('table-qr-url').filter({ hasText: 'https://order.example.com/q/' }).waitFor();
    await page.keyboard.press('Escape');

    await page.getByTestId('qr-sheet-link').click();
    await page.waitForURL(/\/admin\/tables\/qr-sheet$/);
    const cards = page.getByTestId('qr-sheet-card');
    await cards.first().locator('svg').waitFor();
    expect(await cards.count()).toBe(8);
    await cards.nth(7).locator('svg').waitFor();
    await cards.first().getByText('Scan with your phone camera to order').waitFor();
    await page.emulateMedia({ media: 'print' });
    await saveScreenshot(page, 'admin-qr-sheet.png');
    await page.emulateMedia({ media: 'screen' });

    await page.goto(`${e2e.baseUrl}/admin/settings`);
    await page.getByTestId('settings-mode-any-table').waitFor();
    expect(await page.getByTestId('settings-mode-any-table').isChecked()).toBe(true);
    await saveScreenshot(page, 'admin-settings.png');
    await page.getByTestId('settings-mode-open-tables').click();
    await page.getByText('설정을 저장했습니다').waitFor();
    const settings = await tablet.api('get', '/api/v1/admin/settings');
    expect(settings.body.guestOrdering).toBe('open-tables');
  });
});
