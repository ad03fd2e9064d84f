import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, fillStaffSignIn, saveScreenshot, screenshotFailures, signInStaff, startE2E } from './harness.js';

/** The kitchen display on a wall tablet, next to the owner's dashboard, on the demo store (주방 and 음료). */

const TABLET = { width: 1280, height: 800 };
const KITCHEN_ACCOUNT = { username: 'kitchen-wall', password: 'kitchen-wall-1' };

let e2e: E2E;
let kitchen: Page;
let dashboard: Page;

async function placeOrder(tableNumber: number, picks: Array<[string, number, string?]>, note?: string) {
  const token = await e2e.tableToken(tableNumber);
  const menu = await e2e.server.api.get('/api/v1/table/menu', { token });
  const dishes = menu.body.categories.flatMap((c: { menus: Array<{ id: string; name: string }> }) => c.menus);
  const items = picks.map(([name, quantity, lineNote]) => {
    const dish = dishes.find((d: { name: string }) => d.name === name);
    if (!dish) throw new Error(`no dish ${name}`);
    return { menuId: dish.id, quantity, ...(lineNote ? { note: lineNote } : {}) };
  });
  const res = await e2e.server.api.post(
    '/api/v1/table/orders',
    { items, ...(note ? { note } : {}) },
    { token, headers: { 'idempotency-key': randomUUID() } },
  );
  expect(res.status).toBe(201);
  return res.body as { id: string; orderNo: number };
}

const ticket = (orderNo: number) => kitchen.locator(`[data-testid="kitchen-ticket"][data-order-no="${orderNo}"]`);
const dashboardRow = (orderNo: number) => dashboard.locator(`[data-testid="order-row"][data-order-no="${orderNo}"]`);
const pickStation = (name: string) =>
  kitchen
    .locator('[data-testid="kitchen-page"] label')
    .filter({ hasText: new RegExp(`^${name}$`) })
    .click();

beforeAll(async () => {
  e2e = await startE2E();
  const created = await e2e.server.api.post(
    '/api/v1/admin/users',
    { ...KITCHEN_ACCOUNT, role: 'kitchen' },
    { token: await e2e.staffToken() },
  );
  expect(created.status).toBe(201);
  ({ page: kitchen } = await e2e.newPage({ viewport: TABLET }));
  ({ page: dashboard } = await e2e.newPage({ viewport: { width: 1440, height: 900 } }));
});

screenshotFailures(() => kitchen);

afterAll(async () => {
  await e2e?.close();
});

describe('kitchen display', () => {
  it('a kitchen account signs in and lands on the display, with nothing else in its menu', async () => {
    await kitchen.goto(`${e2e.baseUrl}/admin`);
    await fillStaffSignIn(kitchen, KITCHEN_ACCOUNT.username, KITCHEN_ACCOUNT.password);
    await kitchen.waitForURL(/\/admin\/kitchen/);
    await kitchen.locator('[data-testid="kitchen-page"]').waitFor();
    await kitchen.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
    await expect.poll(() => kitchen.getByRole('link', { name: '실시간 현황' }).count()).toBe(0);
    await kitchen.goto(`${e2e.baseUrl}/admin/menus`);
    await kitchen.waitForURL(/\/admin\/kitchen/);
    await kitchen.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
    await signInStaff(e2e, dashboard);
  });

  it('shows each station only its lines, live; bumping both stations completes the order on the dashboard', async () => {
    const order = await placeOrder(
      3,
      [
        ['김치찌개', 2, '덜 맵게'],
        ['콜라', 1],
        ['계란말이', 1],
      ],
      '아이 의자 주세요',
    );

    await pickStation('주방');
    await ticket(order.orderNo).waitFor();
    const kitchenLines = ticket(order.orderNo).locator('[data-testid="ticket-line"]');
    await expect
      .poll(() => kitchenLines.allTextContents())
      .toEqual([expect.stringMatching(/2\s*김치찌개\s*\* 덜 맵게/), expect.stringMatching(/1\s*계란말이/)]);
    await expect.poll(() => ticket(order.orderNo).textContent()).toContain('요청: 아이 의자 주세요');
    await expect.poll(() => ticket(order.orderNo).textContent()).toContain('테이블 3');
    await expect.poll(() => ticket(order.orderNo).getByTestId('ticket-age').textContent()).toBe('0분');

    await pickStation('음료');
    await kitchen.waitForURL(/station=/);
    await ticket(order.orderNo).waitFor();
    await expect
      .poll(() => ticket(order.orderNo).locator('[data-testid="ticket-line"]').allTextContents())
      .toEqual([expect.stringMatching(/1\s*콜라/)]);

    await dashboardRow(order.orderNo).waitFor();
    await expect.poll(() => dashboardRow(order.orderNo).getAttribute('data-status')).toBe('pending');

    // The bar bumps first (by keyboard): the order is being prepared; the kitchen's ticket stays.
    await ticket(order.orderNo)
      .getByRole('button', { name: `테이블 3 주문 #${order.orderNo} 완료` })
      .focus();
    await kitchen.keyboard.press('Enter');
    await ticket(order.orderNo).waitFor({ state: 'detached' });
    await expect.poll(() => dashboardRow(order.orderNo).getAttribute('data-status')).toBe('preparing');

    await pickStation('주방');
    await ticket(order.orderNo).waitFor();
    await ticket(order.orderNo).getByTestId('bump').click();
    await ticket(order.orderNo).waitFor({ state: 'detached' });
    await expect.poll(() => dashboardRow(order.orderNo).getAttribute('data-status')).toBe('completed');
    await expect.poll(() => kitchen.getByTestId('ticket-count').textContent()).toBe('주문서 0장');

    // Recall brings the last bumped ticket back to read it again.
    await kitchen.getByRole('button', { name: '마지막 완료 다시 보기' }).click();
    const recalled = kitchen.getByTestId('recalled-ticket');
    await expect.poll(() => recalled.textContent()).toContain(`#${order.orderNo}`);
    await recalled.getByRole('button', { name: '닫기' }).click();
    await recalled.waitFor({ state: 'detached' });
  });

  it('keeps oldest tickets first and survives a server restart', async () => {
    const first = await placeOrder(5, [
      ['된장찌개', 1],
      ['제육볶음', 2, '고기 많이'],
    ]);
    const second = await placeOrder(
      2,
      [
        ['비빔밥', 1],
        ['소주', 1],
      ],
      '수저 하나 더',
    );
    const third = await placeOrder(7, [
      ['해물파전', 1, '바삭하게'],
      ['떡볶이', 1],
      ['맥주', 2],
    ]);
    await ticket(third.orderNo).waitFor();
    const order = await kitchen
      .locator('[data-testid="kitchen-ticket"]')
      .evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-order-no'))));
    expect(order).toEqual([first.orderNo, second.orderNo, third.orderNo]);
    await saveScreenshot(kitchen, 'admin-kitchen.png');

    await e2e.restartServer(500);
    await kitchen.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor({ timeout: 20_000 });
    const afterRestart = await placeOrder(6, [['제육볶음', 1]]);
    await ticket(afterRestart.orderNo).waitFor({ timeout: 15_000 });
  });

  it('staff route categories to stations and see printers on the stations screen', async () => {
    await dashboard.goto(`${e2e.baseUrl}/admin/stations`);
    const rows = dashboard.locator('[data-testid="station-row"]');
    await expect
      .poll(() => rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-station'))))
      .toEqual(['주방', '음료']);
    const drinks = dashboard.locator('[data-testid="routing-row"][data-category="음료"]');
    await expect.poll(() => drinks.locator('input:not([type="hidden"])').inputValue()).toBe('음료');
    await saveScreenshot(dashboard, 'admin-stations.png');
  });
});
