import { randomUUID } from 'node:crypto';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TABLET, tabletSuite } from './customer-tablet.js';
import { DEMO, saveScreenshot } from './harness.js';

const { tablet, e2e } = tabletSuite();

/** A 10" tablet held upright. */
const PORTRAIT = { width: 800, height: 1280 };

/** Which of `names` have an element on screen whose box overlaps `target`'s. */
async function overlapping(target: Locator, names: Record<string, Locator>): Promise<string[]> {
  const box = await target.boundingBox();
  if (!box) throw new Error('the target is not on screen');
  const hits: string[] = [];
  for (const [name, locator] of Object.entries(names)) {
    for (const other of await locator.all()) {
      const b = await other.boundingBox();
      if (!b) continue;
      const apart =
        b.x >= box.x + box.width || box.x >= b.x + b.width || b.y >= box.y + box.height || box.y >= b.y + b.height;
      if (!apart) hits.push(name);
    }
  }
  return hits;
}

describe('customer tablet: ordering', () => {
  it('sets up, orders once despite a double tap, shows the order number and returns to the menu in 5 s', async () => {
    await tablet.setUp(3);
    await tablet.page.locator('[data-testid="store-name"]', { hasText: '테이블오더 데모점' }).waitFor();
    await tablet.page.getByTestId('cart-empty').waitFor();
    await tablet.settle();
    await saveScreenshot(tablet.page, 'customer-menu.png');

    await tablet.add('김치찌개', 2);
    await tablet.add('제육볶음');
    // The detail view: a quantity before adding.
    await tablet.card('콜라').locator('button').first().click();
    const detail = tablet.page.getByTestId('menu-detail');
    await detail.getByRole('button', { name: '수량 늘리기' }).click();
    await detail.getByTestId('menu-detail-add').click();
    await detail.getByTestId('menu-detail-add').waitFor({ state: 'hidden' });

    await tablet.cartLine('김치찌개').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor();
    await tablet.cartLine('콜라').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor();
    await tablet.cartTotal('34,000원').waitFor();
    await tablet.card('김치찌개').getByText('2개 담음').waitFor();

    // Show the sold-out dish of the side dishes next to the cart.
    await tablet.page.getByTestId('category-rail').getByRole('button', { name: '사이드' }).click();
    await tablet.page.locator('[data-testid="category-rail"] [aria-current="true"]', { hasText: '사이드' }).waitFor();
    await tablet.page.waitForTimeout(800); // the smooth scroll settling, for the picture only
    await tablet.settle();
    await saveScreenshot(tablet.page, 'customer-cart.png');

    await tablet.page.getByTestId('cart-order').click();
    const confirm = tablet.page.getByTestId('confirm-order');
    await confirm.getByText('34,000원 주문하기').waitFor();
    await tablet.page.getByTestId('confirm-order-submit').dblclick();

    const done = tablet.page.getByTestId('order-done');
    await done.waitFor();
    const shownAt = Date.now();
    const orders = await tablet.serverOrders(3);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.totalAmount).toBe(34_000);
    await done
      .getByTestId('order-done-number')
      .filter({ hasText: `${orders[0]?.orderNo}번` })
      .waitFor();
    await done.getByText('초 후 메뉴 화면으로 돌아갑니다').waitFor();
    await saveScreenshot(tablet.page, 'customer-order-done.png');

    await done.waitFor({ state: 'detached', timeout: 8_000 });
    const elapsed = Date.now() - shownAt;
    expect(elapsed).toBeGreaterThan(3_500);
    expect(elapsed).toBeLessThan(7_000);
    expect(new URL(tablet.page.url()).pathname).toBe('/');
    await tablet.page.getByTestId('cart-empty').waitFor();
    await tablet.cartTotal('0원').waitFor();
    expect(await tablet.serverOrders(3)).toHaveLength(1);
  });

  it('shows this visit’s orders and follows staff status changes live, without a reload', async () => {
    await tablet.page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    await tablet.page.getByTestId('nav-orders').click();
    await tablet.page.waitForURL(/\/orders$/);
    await tablet.page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
    const [first] = await tablet.serverOrders(3);
    if (!first) throw new Error('the first test placed no order');
    const firstCard = tablet.page.locator(`[data-testid="my-order"][data-order-id="${first.id}"]`);
    await firstCard.getByText('대기중').waitFor();

    // Another order from the same table (a second tablet, say) appears by itself.
    const table = await e2e().server.api.post('/api/v1/auth/table/login', {
      storeCode: DEMO.store,
      tableNumber: 3,
      password: DEMO.tablePassword,
    });
    const second = await e2e().server.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: (await tablet.dish('해물파전')).id, quantity: 1 }] },
      { token: table.body.token, headers: { 'idempotency-key': randomUUID() } },
    );
    expect(second.status).toBe(201);
    await tablet.page.locator(`[data-testid="my-order"][data-order-id="${second.body.id}"]`).waitFor();
    await tablet.page.locator('[data-testid="my-orders-total"]', { hasText: '50,000원' }).waitFor();
    const shown = await tablet.page
      .locator('[data-testid="my-order"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.orderId));
    expect(shown).toEqual([first.id, second.body.id]);

    const preparing = await tablet.api('patch', `/api/v1/admin/orders/${first.id}`, { status: 'preparing' });
    expect(preparing.status).toBe(200);
    await firstCard.getByText('준비중').waitFor({ timeout: 5_000 });
    await tablet.settle();
    await saveScreenshot(tablet.page, 'customer-my-orders.png');

    expect((await tablet.api('patch', `/api/v1/admin/orders/${first.id}`, { status: 'completed' })).status).toBe(200);
    await firstCard.getByText('완료').waitFor({ timeout: 5_000 });
    expect(await tablet.page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);

    // Staff end the visit: the list clears itself.
    const ended = await tablet.api('post', `/api/v1/admin/tables/${await tablet.tableId(3)}/end-session`);
    expect(ended.status).toBe(200);
    await tablet.page.getByTestId('my-orders-empty').waitFor({ timeout: 5_000 });
  });

  it('keeps every touch target at least 44 px, on the tablet and on a phone in portrait', async () => {
    await tablet.setUp(4, { viewport: { width: 390, height: 844 } });
    await tablet.add('불고기');
    await tablet.page.getByTestId('cart-open').click();
    await tablet.cartLine('불고기').waitFor();
    expect(await tablet.smallTargets()).toEqual([]);
    await tablet.page.keyboard.press('Escape');
    await tablet.page.getByTestId('nav-orders').click();
    await tablet.page.getByTestId('my-orders-empty').waitFor();
    expect(await tablet.smallTargets()).toEqual([]);

    await tablet.setUp(4);
    await tablet.add('불고기');
    await tablet.cartLine('불고기').waitFor();
    expect(await tablet.smallTargets()).toEqual([]);
    await tablet.page.getByTestId('cart-order').click();
    await tablet.page.getByTestId('confirm-order-submit').waitFor();
    expect(await tablet.smallTargets()).toEqual([]);
  });

  it('keeps the cart across a reload', async () => {
    await tablet.setUp(4);
    await tablet.add('불고기');
    await tablet.add('식혜', 3);
    await tablet.cartTotal('24,000원').waitFor();
    await tablet.page.reload();
    await tablet.cartLine('불고기').waitFor();
    await tablet.cartLine('식혜').getByTestId('quantity-value').filter({ hasText: '3' }).waitFor();
    await tablet.cartTotal('24,000원').waitFor();
    expect(await tablet.page.locator('[data-testid="cart-line"]').count()).toBe(2);

    // Emptied on purpose, it stays empty after a reload too.
    await tablet.page.getByRole('button', { name: '전체 삭제' }).click();
    await tablet.page.getByTestId('cart-clear-confirm').click();
    await tablet.page.getByTestId('cart-empty').waitFor();
    await tablet.page.reload();
    await tablet.page.locator('[data-testid="menu-card"]').first().waitFor();
    await tablet.page.getByTestId('cart-empty').waitFor();
  });

  it('follows the scroll with the category rail, and explains a menu that cannot load instead of a blank screen', async () => {
    await tablet.setUp(4);
    const active = (name: string) =>
      tablet.page.locator('[data-testid="category-rail"] [aria-current="true"]', { hasText: name }).waitFor();
    await active('메인 요리');
    await tablet.page
      .getByTestId('menu-sections')
      .evaluate((el) => el.scrollTo({ top: el.scrollHeight, behavior: 'instant' }));
    await active('주류');
    await tablet.page.getByTestId('menu-sections').evaluate((el) => el.scrollTo({ top: 0, behavior: 'instant' }));
    await active('메인 요리');

    await tablet.page.route('**/api/v1/table/menu', (route) => route.abort('connectionrefused'));
    await tablet.page.reload();
    const error = tablet.page.getByRole('alert').filter({ hasText: '서버에 연결할 수 없습니다' });
    await error.waitFor({ timeout: 15_000 });
    await tablet.page.unroute('**/api/v1/table/menu');
    await error.getByRole('button', { name: '다시 시도' }).click();
    await tablet.card('김치찌개').waitFor();
  });

  it('does not let a sold-out dish into the cart, and flags one that sells out while in it', async () => {
    await tablet.setUp(5);
    const soldOut = tablet.card('군만두');
    await soldOut.getByText('품절').waitFor();
    expect(await soldOut.getAttribute('data-sold-out')).toBe('true');
    expect(await soldOut.getByTestId('menu-add').isDisabled()).toBe(true);
    await soldOut.getByTestId('menu-add').click({ force: true });
    await soldOut.locator('button').first().click();
    const detail = tablet.page.getByTestId('menu-detail');
    expect(await detail.getByTestId('menu-detail-add').isDisabled()).toBe(true);
    await tablet.page.keyboard.press('Escape');
    await detail.getByTestId('menu-detail-add').waitFor({ state: 'hidden' });
    await tablet.page.getByTestId('cart-empty').waitFor();

    // Staff mark a dish sold out while it sits in the cart: the tablet learns it live.
    await tablet.add('떡볶이');
    await tablet.add('계란말이');
    const count = (text: string) =>
      tablet.page.locator('[data-testid="cart-count"]', { hasText: new RegExp(`^${text}$`) }).waitFor();
    await count('2개');
    await tablet.cartTotal('13,000원').waitFor();
    const tteokbokki = await tablet.dish('떡볶이');
    try {
      expect((await tablet.api('patch', `/api/v1/admin/menus/${tteokbokki.id}`, { isAvailable: false })).status).toBe(
        200,
      );
      await tablet.card('떡볶이').getByText('품절').waitFor({ timeout: 5_000 });
      await tablet.cartLine('떡볶이').getByText('품절되었습니다').waitFor();
      expect(await tablet.cartLine('떡볶이').getAttribute('data-problem')).toBe('sold-out');
      // The count and the total are those of what can still be ordered.
      await count('1개');
      await tablet.cartTotal('6,000원').waitFor();
      expect(await tablet.page.getByTestId('cart-order').isDisabled()).toBe(true);
      await tablet.page.getByRole('button', { name: '주문할 수 없는 메뉴 빼기' }).click();
      await tablet.cartLine('떡볶이').waitFor({ state: 'detached' });
      await tablet.cartTotal('6,000원').waitFor();
      expect(await tablet.page.getByTestId('cart-order').isDisabled()).toBe(false);
    } finally {
      await tablet.api('patch', `/api/v1/admin/menus/${tteokbokki.id}`, { isAvailable: true });
    }
    await tablet.card('떡볶이').and(tablet.page.locator(':not([data-sold-out])')).waitFor({ timeout: 5_000 });
  });

  it('shows short messages one at a time at the bottom, clear of the header, the categories and the cart', async () => {
    const toasts = () => tablet.page.locator('.mantine-Notification-root');
    const controls = () => ({
      header: tablet.page.locator('header'),
      categories: tablet.page.getByTestId('category-rail'),
      cartBar: tablet.page.getByTestId('cart-bar'),
      orderButton: tablet.page.getByTestId('cart-order'),
    });
    for (const viewport of [PORTRAIT, TABLET]) {
      await tablet.setUp(4, { viewport });
      const toast = toasts();
      const done = toast.filter({ hasText: '4번 테이블로 설정했습니다' });
      await done.waitFor();
      expect(await overlapping(done, controls())).toEqual([]);

      // Quick taps: each message replaces the last instead of piling up.
      await tablet.add('떡볶이', 3);
      await tablet.add('불고기');
      if (viewport === PORTRAIT) {
        const added = toast.filter({ hasText: '불고기 1개를 담았습니다' });
        await added.waitFor();
        await tablet.page.waitForTimeout(400);
        expect(await toast.count()).toBe(1);
        expect(await overlapping(added, controls())).toEqual([]);
      }
      // Short-lived: gone by itself within a few seconds.
      await toast.first().waitFor({ state: 'detached', timeout: 5_000 });
    }
  });

  it('shows a long store name whole in the header, upright and in landscape', async () => {
    const name = '테이블오더 데모점 강남역 2호점';
    await tablet.updateDemoStore({ name });
    try {
      for (const viewport of [PORTRAIT, TABLET]) {
        await tablet.setUp(4, { viewport });
        const storeName = tablet.page.getByTestId('store-name');
        expect(await storeName.textContent()).toBe(name);
        // Clamped text hides whole lines; a difference under half a line is only the glyphs' overhang.
        const clipped = await storeName.evaluate((el) => {
          const line = Number.parseFloat(getComputedStyle(el).lineHeight);
          return el.scrollHeight - el.clientHeight > line / 2 || el.scrollWidth > el.clientWidth + 1;
        });
        expect(clipped).toBe(false);
        // Beside it the table number and the header's buttons keep their room.
        expect(
          await overlapping(storeName, {
            table: tablet.page.getByTestId('table-number'),
            buttons: tablet.page.locator('header a'),
          }),
        ).toEqual([]);
      }
    } finally {
      await tablet.updateDemoStore({ name: '테이블오더 데모점' });
    }
  });
});
