import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type E2E, orderAsTablet, saveScreenshot, screenshotFailures, signInStaff, startE2E } from './harness.js';

const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1280, height: 800 };
const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

let e2e: E2E;
let page: Page;
let tablet: { context: BrowserContext; page: Page } | undefined;

async function tableToken(tableNumber: number): Promise<string> {
  return e2e.tableToken(tableNumber);
}

/** Orders as a tablet does, over the API. */
const placeOrder = async (tableNumber: number, picks: Array<[string, number]>) =>
  orderAsTablet(e2e, await tableToken(tableNumber), picks);

async function tableId(tableNumber: number): Promise<string> {
  const tables = await e2e.server.api.get('/api/v1/admin/tables', { token: await e2e.staffToken() });
  return tables.body.tables.find((t: { number: number }) => t.number === tableNumber).id;
}

/** A tablet set up for the table, showing its 주문 내역 / 결제 현황 page. */
async function tabletAt(tableNumber: number): Promise<Page> {
  await tablet?.context.close();
  tablet = await e2e.newPage({ viewport: TABLET });
  const p = tablet.page;
  await p.goto(`${e2e.baseUrl}/`);
  await p.waitForURL(/\/setup$/);
  await p.getByLabel('매장 코드').fill(DEMO.store);
  await p.getByLabel('테이블 번호').fill(String(tableNumber));
  await p.getByLabel('테이블 비밀번호').fill(DEMO.tablePassword);
  await p.getByRole('button', { name: '설정 완료' }).click();
  await p.locator('[data-testid="menu-card"]').first().waitFor();
  await p.getByTestId('nav-orders').click();
  return p;
}

const card = (tableNumber: number) => page.locator(`[data-testid="table-card"][data-table-number="${tableNumber}"]`);

async function tableAction(tableNumber: number, testId: string) {
  await card(tableNumber).getByTestId('table-actions').click();
  await page.getByTestId(testId).click();
}

/** A documentation picture without the passing notifications over it. */
async function picture(name: string) {
  await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  await saveScreenshot(page, name);
  await page.addStyleTag({ content: '.mantine-Notifications-root { display: block !important; }' });
}

async function pickOnMap(tableNumber: number) {
  await page.locator(`[data-testid="table-map-table"][data-table-number="${tableNumber}"]`).click();
  await page.getByTestId('table-map').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  e2e = await startE2E();
  ({ page } = await e2e.newPage({ viewport: DESKTOP }));
  await signInStaff(e2e, page);
});

screenshotFailures(() => page);

afterAll(async () => {
  await tablet?.context.close();
  await e2e?.close();
});

describe('table operations', () => {
  it('moves a table with three orders to a free table; the old tablet goes back to an empty visit', async () => {
    const orders = [
      await placeOrder(1, [['김치찌개', 2]]),
      await placeOrder(1, [
        ['불고기', 1],
        ['콜라', 2],
      ]),
      await placeOrder(1, [['소주', 1]]),
    ];
    const total = orders.reduce((sum, o) => sum + o.totalAmount, 0);
    const old = await tabletAt(1);
    await old.getByTestId('my-orders').waitFor();
    expect(await old.getByTestId('my-order').count()).toBe(3);
    await expect.poll(() => card(1).getByTestId('table-total').textContent()).toBe(won(total));

    await tableAction(1, 'op-move');
    // Only free tables can take a moving party.
    expect(await page.locator('[data-testid="table-map-table"][data-table-number="1"]').isDisabled()).toBe(true);
    await pickOnMap(5);

    await expect.poll(() => card(5).getByTestId('table-total').textContent()).toBe(won(total));
    await expect.poll(() => card(5).locator('[data-testid="order-row"]').count()).toBe(3);
    await expect.poll(() => card(1).getByTestId('table-total').textContent()).toBe(won(0));
    // The old table's tablet is empty again; the orders are table 5's, with their numbers.
    await old.getByTestId('my-orders-empty').waitFor({ timeout: 5_000 });
    const at5 = await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(5) });
    expect(at5.body.orders.map((o: { id: string }) => o.id)).toEqual(orders.map((o) => o.id));
    expect(at5.body.sessionId).toBe(orders[0]!.sessionId);
    await picture('admin-table-moved.png');
  });

  it('merges two tables: the other table’s orders join, it is free again', async () => {
    const a = await placeOrder(2, [['비빔밥', 2]]);
    const b = await placeOrder(3, [
      ['해물파전', 1],
      ['막걸리', 1],
    ]);
    await expect.poll(() => card(3).getByTestId('table-total').textContent()).toBe(won(b.totalAmount));

    await tableAction(2, 'op-merge');
    // Only tables in use can join.
    expect(await page.locator('[data-testid="table-map-table"][data-table-number="4"]').isDisabled()).toBe(true);
    await pickOnMap(3);

    await expect.poll(() => card(2).getByTestId('table-total').textContent()).toBe(won(a.totalAmount + b.totalAmount));
    await expect.poll(() => card(3).getByTestId('table-total').textContent()).toBe(won(0));
    const history = await e2e.server.api.get(`/api/v1/admin/tables/${await tableId(3)}/history`, {
      token: await e2e.staffToken(),
    });
    expect(history.body.visits[0]).toMatchObject({ closeReason: 'merged', mergedIntoSessionId: a.sessionId });
  });

  it('splits a 50,000원 bill three ways (16,666 + 16,666 + 16,668) with card and cash; the tablet sees it live', async () => {
    const placed = await placeOrder(4, [
      ['불고기', 2],
      ['제육볶음', 1],
      ['계란말이', 1],
      ['콜라', 1],
    ]);
    expect(placed.totalAmount).toBe(50_000);
    const guests = await tabletAt(4);
    await guests.getByTestId('guest-bill').waitFor();

    await expect.poll(() => card(4).getByTestId('table-total').textContent()).toBe(won(50_000));
    await card(4).getByTestId('table-checkout').click();
    const checkout = page.getByTestId('checkout');
    await checkout.waitFor();
    expect(await checkout.getByTestId('checkout-due').textContent()).toBe(won(50_000));
    await checkout.getByText('N명 균등').click();
    await checkout.getByTestId('checkout-people').fill('3');
    const shares = checkout.getByTestId('checkout-share');
    await expect.poll(() => shares.allTextContents()).toHaveLength(3);
    const amounts = await checkout.getByTestId('checkout-share-amount').allTextContents();
    expect(amounts).toEqual([won(16_666), won(16_666), won(16_668)]);

    // Share 1 by card, share 2 in cash, share 3 by card.
    await shares.nth(0).getByTestId('checkout-record').click();
    await expect.poll(() => shares.nth(0).getAttribute('data-done')).toBe('true');
    await shares.nth(1).getByText('현금').click();
    await shares.nth(1).getByTestId('checkout-record').click();
    await expect.poll(() => shares.nth(1).getAttribute('data-done')).toBe('true');
    await expect.poll(() => checkout.getByTestId('checkout-paid').textContent()).toBe(won(33_332));
    await expect.poll(() => checkout.getByTestId('checkout-due').textContent()).toBe(won(16_668));
    // The tablet's 결제 현황 follows, live.
    await expect.poll(() => guests.getByTestId('guest-bill').textContent(), { timeout: 5_000 }).toContain(won(33_332));
    await picture('admin-checkout.png');

    await shares.nth(2).getByTestId('checkout-record').click();
    await expect.poll(() => checkout.getByTestId('checkout-due').textContent()).toBe(won(0));
    await expect.poll(() => guests.getByTestId('guest-bill').textContent(), { timeout: 5_000 }).toContain(won(50_000));

    const bill = await e2e.server.api.get(`/api/v1/admin/tables/${await tableId(4)}/bill`, {
      token: await e2e.staffToken(),
    });
    expect(bill.body).toMatchObject({ totalAmount: 50_000, paidAmount: 50_000, dueAmount: 0 });
    expect(bill.body.payments.map((p: { method: string; amount: number }) => [p.method, p.amount])).toEqual([
      ['card', 16_666],
      ['cash', 16_666],
      ['card', 16_668],
    ]);
    await page.keyboard.press('Escape');
    await checkout.waitFor({ state: 'detached' });
  });

  it('takes a staff order with options from the chooser, then voids part of it with a reason', async () => {
    await tableAction(6, 'op-order');
    const dialog = page.getByTestId('staff-order');
    await dialog.waitFor();
    // A dish with options goes through the shared chooser.
    await dialog
      .locator('[data-testid="staff-order-menu"][data-menu-name="김치찌개"]')
      .getByTestId('staff-order-choose')
      .click();
    // The chooser's root is a wrapper without a box of its own: wait for what is in it.
    const add = page.getByTestId('chooser-add');
    await add.waitFor();
    await page.getByTestId('chooser-option').filter({ hasText: '매운맛' }).click();
    await page.getByTestId('chooser-option').filter({ hasText: '치즈' }).click();
    await expect.poll(() => page.getByTestId('chooser-price').textContent()).toContain(won(10_500));
    await add.click();
    await add.waitFor({ state: 'hidden' });
    await dialog.getByTestId('staff-order-line').waitFor();
    // A plain dish by its counter.
    const cola = dialog.locator('[data-testid="staff-order-menu"][data-menu-name="콜라"]');
    await cola.getByRole('button', { name: '+' }).click();
    await cola.getByRole('button', { name: '+' }).click();
    await dialog.getByTestId('staff-order-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => card(6).getByTestId('table-total').textContent()).toBe(won(14_500));

    const at6 = await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(6) });
    const [order] = at6.body.orders;
    expect(order).toMatchObject({ source: 'staff', totalAmount: 14_500 });
    const kimchi = order.items.find((i: { name: string }) => i.name === '김치찌개');
    expect(kimchi.options.map((o: { name: string }) => o.name).sort()).toEqual(['매운맛', '치즈']);

    // Void one cola from the order's detail.
    await card(6)
      .locator(`[data-testid="order-row"][data-order-no="${order.orderNo}"]`)
      .getByRole('button', { name: `주문 ${order.orderNo}번 자세히 보기` })
      .click();
    await page.getByTestId('order-void').click();
    const voiding = page.getByTestId('void-items');
    await voiding.waitFor();
    await voiding.getByLabel('콜라').fill('1');
    await voiding.getByTestId('void-reason').fill('잘못 주문');
    await voiding.getByTestId('void-submit').click();
    await voiding.waitFor({ state: 'detached' });
    await expect.poll(() => card(6).getByTestId('table-total').textContent()).toBe(won(12_500));
    const after = await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(6) });
    const colaLine = after.body.orders[0].items.find((i: { name: string }) => i.name === '콜라');
    expect(colaLine).toMatchObject({ quantity: 2, voidedQuantity: 1, subtotal: 2_000 });
  });
});
