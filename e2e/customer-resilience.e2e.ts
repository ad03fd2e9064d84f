import { describe, expect, it } from 'vitest';
import { tabletSuite } from './customer-tablet.js';
import { DEMO } from './harness.js';

const { tablet, e2e } = tabletSuite();

describe('customer tablet: when things go wrong', () => {
  it('says which dish sold out when the server refuses the order, and keeps the cart', async () => {
    await tablet.setUp(1, { deaf: true });
    await tablet.add('해물파전');
    await tablet.add('콜라', 2);
    const pajeon = await tablet.dish('해물파전');
    try {
      expect((await tablet.api('patch', `/api/v1/admin/menus/${pajeon.id}`, { isAvailable: false })).status).toBe(200);
      await tablet.confirmOrder();
      const failure = tablet.page.getByTestId('order-failure');
      await failure.getByTestId('order-failure-reason').filter({ hasText: '해물파전' }).waitFor();
      await failure.getByRole('button', { name: '확인' }).click();
      await failure.getByTestId('order-failure-reason').waitFor({ state: 'hidden' });
      await tablet.cartLine('해물파전').getByText('품절되었습니다').waitFor();
      await tablet.cartLine('콜라').getByTestId('quantity-value').filter({ hasText: '2' }).waitFor();
      expect(await tablet.serverOrders(1)).toHaveLength(0);
    } finally {
      await tablet.api('patch', `/api/v1/admin/menus/${pajeon.id}`, { isAvailable: true });
    }
  });

  it('holds an order made offline and sends it exactly once when the network returns', async () => {
    await tablet.setUp(6);
    await tablet.add('비빔밥', 2);
    await tablet.cartTotal('20,000원').waitFor();
    await tablet.context.setOffline(true);
    await tablet.confirmOrder();
    const pending = tablet.page.getByTestId('pending-order');
    await pending.getByText('주문 전송 대기 중').waitFor();
    await tablet.cartLine('비빔밥').waitFor();
    expect(await tablet.serverOrders(6)).toHaveLength(0);

    await tablet.context.setOffline(false);
    const done = tablet.page.getByTestId('order-done');
    await done.waitFor({ timeout: 15_000 });
    await pending.waitFor({ state: 'detached' });
    const orders = await tablet.serverOrders(6);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.totalAmount).toBe(20_000);
    await done
      .getByTestId('order-done-number')
      .filter({ hasText: `${orders[0]?.orderNo}번` })
      .waitFor();
    await tablet.page.getByTestId('order-done-close').click();
    await tablet.page.getByTestId('cart-empty').waitFor();
  });

  it('retries with the same key after a lost answer, also across a reload, and creates one order', async () => {
    await tablet.setUp(7);
    await tablet.add('된장찌개');
    const keys: string[] = [];
    // The first attempt reaches the server, but its answer is lost on the way back.
    await tablet.page.route('**/api/v1/table/orders', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (keys.length === 1) await route.fetch();
      await route.abort('connectionreset');
    });
    await tablet.confirmOrder();
    await tablet.page.getByTestId('pending-order').waitFor();
    expect(await tablet.serverOrders(7)).toHaveLength(1);

    await tablet.page.reload();
    await tablet.page.getByTestId('pending-order').waitFor();
    await tablet.cartLine('된장찌개').waitFor();
    await tablet.page.unroute('**/api/v1/table/orders');

    // The retry timer sends it again; the server recognises the key and answers with the same order.
    const done = tablet.page.getByTestId('order-done');
    await done.waitFor({ timeout: 30_000 });
    const orders = await tablet.serverOrders(7);
    expect(orders).toHaveLength(1);
    await done
      .getByTestId('order-done-number')
      .filter({ hasText: `${orders[0]?.orderNo}번` })
      .waitFor();
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
  });

  it('tells guests quietly while the live connection is down, without locking them out, and clears it when back', async () => {
    await tablet.setUp(3);
    await tablet.add('콜라');
    const notice = tablet.page.getByTestId('connection-notice');
    await e2e().stopServer();
    try {
      // A blip of a second or two (a restart, a Wi-Fi hand-over) says nothing.
      await tablet.page.waitForTimeout(2_000);
      expect(await notice.count()).toBe(0);
      await notice.filter({ hasText: '연결이 불안정합니다' }).waitFor({ timeout: 10_000 });
      // The guests keep the menu and their cart; nothing asks for staff.
      expect(await tablet.page.getByTestId('lock-screen').count()).toBe(0);
      await tablet.cartLine('콜라').waitFor();
    } finally {
      await e2e().startServer();
    }
    await notice.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('signs in again by itself when the token is revoked or invalid, as long as the stored password works', async () => {
    await tablet.setUp(8);
    await tablet.add('사이다');
    const tokenNow = () =>
      tablet.page.evaluate(
        () => JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}').token as string,
      );
    const firstToken = await tokenNow();

    // The same password set again still revokes every token the tablet holds; the server ends the
    // tablet's stream, and the tablet signs in again with what staff stored at setup.
    const id = await tablet.tableId(8);
    expect((await tablet.api('patch', `/api/v1/admin/tables/${id}`, { password: DEMO.tablePassword })).status).toBe(
      200,
    );
    await tablet.page.waitForFunction(
      (old) => JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}').token !== old,
      firstToken,
      { timeout: 15_000 },
    );
    await tablet.page.getByTestId('nav-orders').click();
    await tablet.page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor({ timeout: 15_000 });
    await tablet.page.getByTestId('my-orders-empty').waitFor();
    expect(new URL(tablet.page.url()).pathname).toBe('/orders');

    // A token the server does not accept at all (expired, signed with an old key) is replaced too.
    await tablet.page.evaluate(() => {
      const device = JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}');
      localStorage.setItem('tableorder.customer.device', JSON.stringify({ ...device, token: 'not-a-valid-token' }));
    });
    await tablet.page.reload();
    await tablet.page.getByTestId('my-orders-empty').waitFor();
    expect(await tokenNow()).not.toBe('not-a-valid-token');
  });

  it('opens setup again only through the long press on the logo and the table password', async () => {
    await tablet.setUp(2);
    await tablet.page.goto(`${e2e().baseUrl}/setup`);
    await tablet.page.waitForURL((url) => url.pathname === '/');

    await tablet.holdLogo();
    const check = tablet.page.getByTestId('staff-check');
    await check.getByLabel('테이블 비밀번호').fill('0000');
    await check.getByRole('button', { name: '확인' }).click();
    await check.getByText('비밀번호가 맞지 않습니다.').waitFor();
    await check.getByLabel('테이블 비밀번호').fill(DEMO.tablePassword);
    await check.getByRole('button', { name: '확인' }).click();
    await tablet.page.waitForURL(/\/setup$/);
    expect(await tablet.page.getByLabel('테이블 번호').inputValue()).toBe('2');
    await tablet.page.getByRole('button', { name: '설정 취소' }).click();
    await tablet.page.waitForURL((url) => url.pathname === '/');

    // Korean by default; English from the language menu.
    await tablet.page.getByTestId('language-switch').click();
    await tablet.page.getByRole('menuitem', { name: 'English' }).click();
    await tablet.page.locator('[data-testid="table-number"]', { hasText: 'Table 2' }).waitFor();
    await tablet.page.getByText('Your cart is empty').waitFor();
  });
});
