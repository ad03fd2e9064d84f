import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type E2E, orderAsTablet, saveScreenshot, screenshotFailures, signInStaff, startE2E } from './harness.js';

const DESKTOP = { width: 1440, height: 900 };
const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

let e2e: E2E;
let page: Page;
const tableTokens = new Map<number, string>();

async function tableToken(tableNumber: number): Promise<string> {
  const known = tableTokens.get(tableNumber);
  if (known) return known;
  const res = await e2e.server.api.post('/api/v1/auth/table/login', {
    storeCode: DEMO.store,
    tableNumber,
    password: DEMO.tablePassword,
  });
  expect(res.status).toBe(200);
  tableTokens.set(tableNumber, res.body.token);
  return res.body.token;
}

/** Orders as a tablet does, over the API. */
const placeOrder = async (tableNumber: number, picks: Array<[string, number]>) =>
  orderAsTablet(e2e, await tableToken(tableNumber), picks);

const card = (tableNumber: number) => page.locator(`[data-testid="table-card"][data-table-number="${tableNumber}"]`);
const row = (tableNumber: number, orderNo: number) =>
  card(tableNumber).locator(`[data-testid="order-row"][data-order-no="${orderNo}"]`);

async function adminToken(): Promise<string> {
  const res = { status: 200, body: { token: await e2e.staffToken() } };
  expect(res.status).toBe(200);
  return res.body.token;
}

beforeAll(async () => {
  e2e = await startE2E();
  ({ page } = await e2e.newPage({ viewport: DESKTOP }));
});

screenshotFailures(() => page);

afterAll(async () => {
  await e2e?.close();
});

describe('store admin dashboard', () => {
  it('refuses a wrong password, then signs in and stays signed in across a reload', async () => {
    await page.goto(`${e2e.baseUrl}/admin`);
    await page.waitForURL(/\/admin\/login$/);
    await page.getByLabel('매장 코드').fill(DEMO.store);
    await page.getByLabel('아이디').fill('admin');
    await page.getByLabel('비밀번호').fill('wrong-password');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toContain('입력한 정보가 맞지 않습니다');

    await signInStaff(e2e, page);
    expect(await page.getByTestId('store-name').textContent()).toBe('테이블오더 데모점');
    expect(await page.locator('[data-testid="table-card"]').count()).toBe(8);

    await page.reload();
    await page.locator('[data-testid="table-card"]').first().waitFor();
    expect(page.url()).toBe(`${e2e.baseUrl}/admin`);
  });

  it('shows an order placed on a tablet within 2 s, highlighted, and moves it through the kitchen', async () => {
    const before = Date.now();
    const order = await placeOrder(3, [
      ['김치찌개', 2],
      ['계란말이', 1],
      ['소주', 1],
    ]);
    await row(3, order.orderNo).waitFor({ timeout: 2_000 });
    expect(Date.now() - before).toBeLessThan(2_000);
    expect(await row(3, order.orderNo).getAttribute('data-fresh')).toBe('true');
    expect(await card(3).getAttribute('data-fresh')).toBe('true');
    expect(await card(3).getByTestId('table-total').textContent()).toBe(won(order.totalAmount));

    // The next step and closing the table are big enough for a quick tap in a busy kitchen.
    const start = await row(3, order.orderNo).getByRole('button', { name: '준비 시작' }).boundingBox();
    const close = await card(3).getByRole('button', { name: '이용 완료' }).boundingBox();
    expect(start?.height).toBeGreaterThanOrEqual(40);
    expect(close?.height).toBeGreaterThanOrEqual(40);

    // Opening the order acknowledges it and shows every item.
    await row(3, order.orderNo)
      .getByRole('button', { name: `주문 ${order.orderNo}번 자세히 보기` })
      .click();
    const detail = page.getByTestId('order-detail');
    await detail.waitFor();
    for (const name of ['김치찌개', '계란말이', '소주']) {
      expect(await detail.getByRole('cell', { name, exact: true }).count()).toBe(1);
    }
    expect(await detail.getByTestId('order-total').textContent()).toBe(won(order.totalAmount));
    expect(await row(3, order.orderNo).getAttribute('data-fresh')).toBeNull();

    await detail.getByRole('button', { name: '준비중' }).click();
    await detail.getByRole('button', { name: '준비중', pressed: true }).waitFor();
    expect(await detail.getByRole('button', { name: '대기중' }).isDisabled()).toBe(true);
    await detail.getByRole('button', { name: '완료' }).click();
    await detail.getByRole('button', { name: '완료', pressed: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => row(3, order.orderNo).getAttribute('data-status')).toBe('completed');

    const server = await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(3) });
    expect(server.body.orders.map((o: { status: string }) => o.status)).toEqual(['completed']);
  });

  it('deletes an order after confirmation and takes it off the total at once', async () => {
    const kept = (await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(3) })).body.totalAmount;
    const extra = await placeOrder(3, [['맥주', 2]]);
    await row(3, extra.orderNo).waitFor({ timeout: 2_000 });
    expect(await card(3).getByTestId('table-total').textContent()).toBe(won(kept + extra.totalAmount));

    await row(3, extra.orderNo)
      .getByRole('button', { name: `주문 ${extra.orderNo}번 자세히 보기` })
      .click();
    await page.getByRole('button', { name: '주문 삭제' }).click();
    const confirm = page.getByRole('dialog', { name: `주문 #${extra.orderNo} 삭제` });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: '주문 삭제' }).click();
    await row(3, extra.orderNo).waitFor({ state: 'detached' });
    expect(await card(3).getByTestId('table-total').textContent()).toBe(won(kept));
  });

  it('takes the dashboard screenshot with several busy tables', async () => {
    const a = await placeOrder(1, [
      ['불고기', 2],
      ['비빔밥', 1],
      ['콜라', 2],
    ]);
    const b = await placeOrder(5, [
      ['해물파전', 1],
      ['막걸리', 2],
    ]);
    const c = await placeOrder(6, [
      ['제육볶음', 1],
      ['된장찌개', 1],
      ['사이다', 1],
    ]);
    await row(6, c.orderNo).waitFor({ timeout: 2_000 });
    const admin = { status: 200, body: { token: await e2e.staffToken() } };
    await e2e.server.api.patch(`/api/v1/admin/orders/${a.id}`, { status: 'preparing' }, { token: admin.body.token });
    await expect.poll(() => row(1, a.orderNo).getAttribute('data-status')).toBe('preparing');
    const d = await placeOrder(5, [['떡볶이', 1]]);
    await row(5, d.orderNo).waitFor({ timeout: 2_000 });
    await row(5, b.orderNo).waitFor();
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'admin-dashboard.png');
  });

  it('filters the board by table or by tables in use, and turns the new-order sound on with one click', async () => {
    await page.getByTestId('table-filter').click();
    await page.getByRole('option', { name: '테이블 5' }).click();
    await expect.poll(() => page.getByTestId('table-card').count()).toBe(1);
    expect(await page.getByTestId('table-card').getAttribute('data-table-number')).toBe('5');
    await page.getByTestId('table-filter').click();
    await page.getByRole('option', { name: '전체 테이블' }).click();
    const inUseOnly = page.getByRole('switch', { name: '이용 중인 테이블만' });
    await inUseOnly.check({ force: true });
    await expect
      .poll(async () => page.getByTestId('table-card').evaluateAll((cards) => cards.map((c) => c.dataset.tableNumber)))
      .toEqual(['1', '3', '5', '6']);
    await inUseOnly.uncheck({ force: true });
    await expect.poll(() => page.getByTestId('table-card').count()).toBe(8);

    // Off is what every page starts with (browsers need a tap first), and it shows plainly.
    const sound = page.getByTestId('sound-toggle');
    expect(await sound.getAttribute('data-sound')).toBe('off');
    expect(await sound.textContent()).toBe('알림음 꺼짐 · 켜기');
    expect(await sound.locator('svg').count()).toBe(1);
    await page.getByRole('button', { name: '알림음 꺼짐 · 켜기' }).click();
    await page.getByRole('button', { name: '알림음 켜짐', pressed: true }).waitFor();
    // New: the pending orders nobody opened (table 1's was started by someone, so it was seen).
    await page.getByRole('button', { name: '새 주문 모두 확인 (3)' }).click();
    await expect.poll(() => page.locator('[data-testid="table-card"][data-fresh]').count()).toBe(0);
  });

  it('moves an order one step per tap: a double tap sends one change and shows no error', async () => {
    const order = (await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(5) })).body.orders[0];
    await row(5, order.orderNo).getByRole('button', { name: '준비 시작' }).dblclick();
    await expect.poll(() => row(5, order.orderNo).getAttribute('data-status')).toBe('preparing');
    await page.waitForTimeout(500);
    expect(await page.locator('.mantine-Notification-root').count()).toBe(0);
    const server = await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(5) });
    expect(server.body.orders.map((o: { status: string }) => o.status)).toEqual(['preparing', 'pending']);
  });

  it('shows the total before closing a table and warns when orders are not finished', async () => {
    const current = (await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(5) })).body;
    await card(5).getByRole('button', { name: '이용 완료' }).click();
    const confirm = page.getByRole('dialog', { name: '테이블 5 이용 완료' });
    expect(await confirm.getByTestId('end-session-total').textContent()).toBe(won(current.totalAmount));
    const warning = await confirm.getByTestId('end-session-warning').textContent();
    expect(warning).toContain('주문 2건이 아직 완료되지 않았습니다');
    expect(warning).toContain('대기중 1 · 준비중 1');
    await confirm.getByRole('button', { name: '취소' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await card(5).getByTestId('table-total').textContent()).toBe(won(current.totalAmount));
  });

  it('ends the session after confirmation; the orders, the deleted one marked, are in the table history', async () => {
    const orders = (await e2e.server.api.get('/api/v1/table/orders', { token: await tableToken(3) })).body.orders;
    await card(3).getByRole('button', { name: '이용 완료' }).click();
    const confirm = page.getByRole('dialog', { name: '테이블 3 이용 완료' });
    expect(await confirm.getByTestId('end-session-total').textContent()).toBe(won(orders[0].totalAmount));
    // Every order is done: nothing to warn about.
    expect(await confirm.getByTestId('end-session-warning').count()).toBe(0);
    await confirm.getByRole('button', { name: '이용 완료' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(() => card(3).getByTestId('table-total').textContent()).toBe('0원');
    expect(await card(3).textContent()).toContain('주문이 없습니다');

    await page.getByRole('link', { name: '테이블' }).click();
    await page
      .locator('[data-testid="table-row"][data-table-number="3"]')
      .getByRole('link', { name: '주문 이력' })
      .click();
    await page.getByTestId('history-list').waitFor();
    const entries = page.getByTestId('history-order');
    expect(await entries.count()).toBe(2);
    // Newest first: the deleted beer order, then the completed one.
    expect(await entries.nth(0).getAttribute('data-deleted')).toBe('true');
    const badge = await entries.nth(0).getByTestId('deleted-badge').textContent();
    expect(badge).toContain('삭제됨');
    expect(badge).toMatch(/ · admin$/);
    expect(Number(await entries.nth(1).getAttribute('data-order-no'))).toBe(orders[0].orderNo);
    expect(await entries.nth(1).getAttribute('data-deleted')).toBeNull();
    expect(await entries.nth(1).textContent()).toContain('김치찌개 × 2');
    // Usernames as typed, not upper-cased by the badge.
    const transforms = await entries
      .nth(0)
      .getByTestId('deleted-badge')
      .evaluate((el) =>
        [el, ...Array.from(el.querySelectorAll('*'))].map((node) => getComputedStyle(node).textTransform),
      );
    expect(new Set(transforms)).toEqual(new Set(['none']));
    expect(await page.getByTestId('visit-heading').getAttribute('data-visit')).toBe('closed');

    // A later visit, closed by another staff member, shows up here by itself.
    const later = await placeOrder(3, [
      ['해물파전', 1],
      ['막걸리', 1],
      ['콜라', 2],
    ]);
    const admin = { status: 200, body: { token: await e2e.staffToken() } };
    const tableId = (await e2e.server.api.get('/api/v1/admin/tables', { token: admin.body.token })).body.tables.find(
      (t: { number: number }) => t.number === 3,
    ).id;
    await e2e.server.api.patch(
      `/api/v1/admin/orders/${later.id}`,
      { status: 'completed' },
      { token: admin.body.token },
    );
    const ended = await e2e.server.api.post(`/api/v1/admin/tables/${tableId}/end-session`, undefined, {
      token: admin.body.token,
    });
    expect(ended.status).toBe(200);
    await page.locator(`[data-testid="history-order"][data-order-no="${later.orderNo}"]`).waitFor({ timeout: 5_000 });
    expect(await entries.count()).toBe(3);
    await page.locator('.mantine-Notification-root').waitFor({ state: 'detached', timeout: 10_000 });
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'admin-history.png');

    // A range that ends before today finds nothing.
    await page.getByTestId('history-from').fill('2020-01-01');
    await page.getByTestId('history-to').fill('2020-01-31');
    await page.getByText('이 기간에 정리된 주문이 없습니다.').waitFor();
  });

  it('heads a deleted order of a table still in use as the visit in progress, not as a closed one', async () => {
    await placeOrder(4, [['콜라', 1]]);
    const gone = await placeOrder(4, [['사이다', 1]]);
    const deleted = await e2e.server.api.delete(`/api/v1/admin/orders/${gone.id}`, { token: await adminToken() });
    expect(deleted.status).toBe(204);

    await page.getByRole('link', { name: '테이블', exact: true }).click();
    await page
      .locator('[data-testid="table-row"][data-table-number="4"]')
      .getByRole('link', { name: '주문 이력' })
      .click();
    await page.locator(`[data-testid="history-order"][data-order-no="${gone.orderNo}"]`).waitFor();
    const heading = page.getByTestId('visit-heading');
    await expect.poll(() => heading.getAttribute('data-visit')).toBe('open');
    expect(await heading.count()).toBe(1);
    expect(await heading.textContent()).toContain('진행 중인 이용');
    expect(await page.getByTestId('history-list').textContent()).not.toContain('이용 완료');
  });

  it('warns when the stream is cut, then clears and catches up with an order placed right after', async () => {
    await page.getByRole('link', { name: '실시간 현황' }).click();
    await page.locator('[data-testid="table-card"]').first().waitFor();
    await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
    expect(await page.getByTestId('stale-banner').count()).toBe(0);

    const restart = e2e.restartServer(7_000);
    await page.getByTestId('stale-banner').waitFor({ timeout: 7_000 });
    expect(await page.getByTestId('stale-banner').textContent()).toContain('최신 상태가 아닐 수 있습니다');
    await restart;
    const late = await placeOrder(7, [['비빔밥', 1]]);

    await page.getByTestId('stale-banner').waitFor({ state: 'detached', timeout: 15_000 });
    await row(7, late.orderNo).waitFor({ timeout: 5_000 });
    expect(await card(7).getByTestId('table-total').textContent()).toBe(won(late.totalAmount));
    expect(await page.locator('[data-testid="connection-indicator"]').getAttribute('data-status')).toBe('open');
  });

  it('keeps the board through an outage: a failed step is only a notification, and all is current on reconnect', async () => {
    const order = await placeOrder(8, [['비빔밥', 1]]);
    await row(8, order.orderNo).waitFor({ timeout: 2_000 });
    await e2e.stopServer();
    try {
      await page.getByTestId('stale-banner').waitFor({ timeout: 10_000 });
      await row(8, order.orderNo).getByRole('button', { name: '준비 시작' }).click();
      await page
        .locator('.mantine-Notification-root')
        .filter({ hasText: '서버에 연결할 수 없습니다' })
        .waitFor({ timeout: 5_000 });
      // Long enough for any refetch and its retries to have failed too.
      await page.waitForTimeout(4_000);
      expect(await page.getByTestId('table-card').count()).toBe(8);
      expect(await page.getByText('문제가 생겼습니다').count()).toBe(0);
      expect(await row(8, order.orderNo).getAttribute('data-status')).toBe('pending');
    } finally {
      await e2e.startServer();
    }
    // Changed while this board was cut off: it shows once the stream is back, with no error left.
    const token = await adminToken();
    await e2e.server.api.patch(`/api/v1/admin/orders/${order.id}`, { status: 'preparing' }, { token });
    await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => row(8, order.orderNo).getAttribute('data-status'), { timeout: 3_000 }).toBe('preparing');
    await page.getByTestId('stale-banner').waitFor({ state: 'detached' });
    expect(await page.getByText('문제가 생겼습니다').count()).toBe(0);
    await row(8, order.orderNo).getByRole('button', { name: '완료' }).click();
    await expect.poll(() => row(8, order.orderNo).getAttribute('data-status')).toBe('completed');
  });

  it('keeps new orders flagged across a reload, and on a new device, until staff confirm them', async () => {
    const order = await placeOrder(2, [['콜라', 1]]);
    await row(2, order.orderNo).waitFor({ timeout: 2_000 });
    expect(await row(2, order.orderNo).getAttribute('data-fresh')).toBe('true');

    await page.reload();
    await row(2, order.orderNo).waitFor();
    expect(await row(2, order.orderNo).getAttribute('data-fresh')).toBe('true');
    expect(await card(2).getAttribute('data-fresh')).toBe('true');

    const { context, page: other } = await e2e.newPage({ viewport: DESKTOP });
    try {
      await signInStaff(e2e, other);
      const elsewhere = other.locator(
        `[data-testid="table-card"][data-table-number="2"] [data-testid="order-row"][data-order-no="${order.orderNo}"]`,
      );
      expect(await elsewhere.getAttribute('data-fresh')).toBe('true');
    } finally {
      await context.close();
    }

    await card(2).getByRole('button', { name: '확인', exact: true }).click();
    await expect.poll(() => row(2, order.orderNo).getAttribute('data-fresh')).toBeNull();
    await page.reload();
    await row(2, order.orderNo).waitFor();
    expect(await row(2, order.orderNo).getAttribute('data-fresh')).toBeNull();
    expect(await row(2, order.orderNo).getAttribute('data-status')).toBe('pending');
  });

  it('sends the user back to sign-in with a message when the session expires', async () => {
    await page.evaluate(() => {
      const key = 'tableorder.admin.session';
      const stored = JSON.parse(localStorage.getItem(key) ?? '{}');
      stored.expiresAt = new Date(Date.now() + 1_500).toISOString();
      localStorage.setItem(key, JSON.stringify(stored));
    });
    await page.reload();
    await page.locator('[data-testid="table-card"]').first().waitFor();
    await page.waitForURL(/\/admin\/login$/, { timeout: 5_000 });
    expect(await page.getByTestId('sign-in-notice').textContent()).toContain('로그인 시간이 만료되었습니다');
  });
});
