import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, screenshotFailures, signInStaff, startE2E } from './harness.js';

/** An ordinary phone, held upright. */
const PHONE = { width: 390, height: 844 };

let e2e: E2E;
let page: Page;

/** Nothing wider than the screen: no sideways scrolling, nothing pushed off the edge. */
async function expectNoSidewaysOverflow(target: Page, width: number) {
  expect(await target.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The element lies wholly on screen horizontally (once a sliding drawer has settled). */
async function expectOnScreen(locator: Locator, width: number) {
  await expect
    .poll(async () => {
      const box = await locator.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= width;
    })
    .toBe(true);
}

/** Its text is shown whole, not cut to "실시간 연…" or "I…". */
async function expectNotCut(locator: Locator) {
  const cut = await locator.evaluate((el) =>
    [el, ...Array.from(el.querySelectorAll('*'))].some((node) => node.scrollWidth > node.clientWidth + 1),
  );
  expect(cut).toBe(false);
}

beforeAll(async () => {
  e2e = await startE2E();
  ({ page } = await e2e.newPage({ viewport: PHONE }));
  await signInStaff(e2e, page);
});

screenshotFailures(() => page);

afterAll(async () => {
  await e2e?.close();
});

describe('staff app on a phone', () => {
  it('keeps the connection state in sight and puts the screens, language and account behind a burger', async () => {
    const indicator = page.getByTestId('connection-indicator');
    await expectOnScreen(indicator, PHONE.width);
    await expectNotCut(indicator);
    expect(await indicator.textContent()).toBe('실시간 연결됨');
    await expectNoSidewaysOverflow(page, PHONE.width);

    await page.getByRole('button', { name: '화면 목록 열기' }).click();
    const drawer = page.getByRole('dialog');
    for (const name of ['실시간 현황', '테이블', '메뉴', '직원 계정', '매출']) {
      await expectOnScreen(drawer.getByRole('link', { name, exact: true }), PHONE.width);
    }
    await expectOnScreen(drawer.getByRole('button', { name: '로그아웃' }), PHONE.width);
    await drawer.getByRole('link', { name: '메뉴', exact: true }).click();
    await page.waitForURL(/\/admin\/menus$/);
    await drawer.waitFor({ state: 'detached' });
  });

  it('lays the menu editor out for a phone: names readable, every button on screen', async () => {
    await page.getByTestId('menu-row').first().waitFor();
    await expectNoSidewaysOverflow(page, PHONE.width);
    const rows = page.getByTestId('menu-row');
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const row = rows.nth(i);
      const name = (await row.getAttribute('data-menu-name')) ?? '';
      // A name on one or two lines, never one letter a line.
      const nameBox = await row.getByText(name, { exact: true }).boundingBox();
      expect(nameBox?.height ?? 999).toBeLessThan(60);
      await expectOnScreen(row.getByRole('button', { name: '수정' }), PHONE.width);
      await expectOnScreen(row.getByRole('button', { name: '삭제' }), PHONE.width);
      await expectOnScreen(row.getByRole('switch'), PHONE.width);
    }
    for (const category of await page.getByTestId('category-row').all()) {
      await expectOnScreen(category.getByRole('button', { name: '삭제' }), PHONE.width);
    }
  });

  it('stacks the tables and staff lists into cards with whole status badges', async () => {
    await page.getByRole('button', { name: '화면 목록 열기' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '테이블', exact: true }).click();
    const first = page.locator('[data-testid="table-row"][data-table-number="1"]');
    await first.waitFor();
    await expectNoSidewaysOverflow(page, PHONE.width);
    await expectNotCut(first.getByText('빈 테이블'));
    for (const name of ['주문 이력', '번호·비밀번호 변경', '삭제']) {
      await expectOnScreen(first.getByRole(name === '주문 이력' ? 'link' : 'button', { name }), PHONE.width);
    }

    await page.getByRole('button', { name: '화면 목록 열기' }).click();
    await page.getByRole('dialog').getByRole('link', { name: '직원 계정', exact: true }).click();
    const me = page.locator('[data-testid="user-row"][data-username="admin"]');
    await me.waitFor();
    await expectNoSidewaysOverflow(page, PHONE.width);
    await expectOnScreen(me.getByRole('button', { name: '삭제' }), PHONE.width);
  });

  it('switches to English from the menu, and the English header fits too', async () => {
    await page.getByRole('button', { name: '화면 목록 열기' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('English', { exact: true }).click();
    await drawer.getByRole('link', { name: 'Live board' }).click();
    await page.getByRole('heading', { name: 'Live board' }).waitFor();
    await expectNoSidewaysOverflow(page, PHONE.width);
    await expectOnScreen(page.getByTestId('connection-indicator'), PHONE.width);
    await expectNotCut(page.getByTestId('connection-indicator'));
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await drawer.getByText('한국어', { exact: true }).click();
    await drawer.getByRole('link', { name: '실시간 현황' }).waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  });

  it('shows the connection state in full on a small tablet (800 px)', async () => {
    const { context, page: tablet } = await e2e.newPage({ viewport: { width: 800, height: 1000 } });
    try {
      await signInStaff(e2e, tablet);
      await expectNotCut(tablet.getByTestId('connection-indicator'));
      expect(await tablet.getByTestId('connection-indicator').textContent()).toBe('실시간 연결됨');
      await expectNoSidewaysOverflow(tablet, 800);
    } finally {
      await context.close();
    }
  });

  it('loads every app without a missing file: the favicon is there', async () => {
    const { context, page: fresh } = await e2e.newPage({ viewport: PHONE });
    const missing: string[] = [];
    fresh.on('response', (response) => {
      const staff = /\/(admin|superadmin)(\/|$)/.test(new URL(fresh.url()).pathname);
      if (staff && response.status() === 404) missing.push(response.url());
    });
    try {
      for (const app of ['/admin', '/superadmin', '/']) {
        await fresh.goto(`${e2e.baseUrl}${app}`);
        await fresh.waitForLoadState('networkidle');
        const href = await fresh.locator('link[rel="icon"]').getAttribute('href');
        const icon = await fetch(new URL(href ?? '', e2e.baseUrl));
        expect(icon.status).toBe(200);
        expect(icon.headers.get('content-type')).toContain('image/svg+xml');
      }
      expect(missing).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
