import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../server/lib/paths.js';
import { type AuditRow, audit, auditTable, saveAuditTable } from './axe.js';
import { TABLET, tabletDriver } from './customer-tablet.js';
import { DEMO, type E2E, fillStaffSignIn, saveScreenshot, screenshotFailures, startE2E } from './harness.js';

/**
 * axe-core on every screen of the three apps: the tablet and the phone in both modes (standard and
 * 쉬운 주문) and all four languages, the staff and super-admin screens in Korean and English.
 * No serious or critical violation is allowed anywhere; the full table goes to
 * docs/ACCESSIBILITY.md.
 */
const PHONE = { width: 390, height: 844 };
const GUEST_LANGUAGES = ['ko', 'en', 'ja', 'zh'] as const;
const STAFF_LANGUAGES = ['ko', 'en'] as const;
const MODES = ['standard', 'easy'] as const;
type Mode = (typeof MODES)[number];

let e2e: E2E;
const tablet = tabletDriver(() => e2e);
const rows: AuditRow[] = [];
let current: Page | undefined;
screenshotFailures(() => current);

beforeAll(async () => {
  e2e = await startE2E();
  await tablet.signInOwner();
});

afterAll(async () => {
  if (rows.length > 0) {
    console.log(`\naxe-core, violations by impact\n${auditTable(rows)}\n`);
    saveAuditTable(rows, path.join(PROJECT_ROOT, 'docs', 'ACCESSIBILITY.md'));
  }
  await tablet.close();
  await e2e?.close();
});

/** The guest's language and mode as the device remembers them, then the page reloaded with them. */
async function applyGuestPrefs(page: Page, language: string, mode: Mode) {
  await page.evaluate(
    ([l, m]) => {
      localStorage.setItem('tableorder.language', l as string);
      localStorage.setItem('tableorder.customer.easyMode', JSON.stringify({ on: m === 'easy', speech: true }));
    },
    [language, mode],
  );
  await page.reload();
}

/** Skeletons, spinners and passing toasts gone: the screen as it settles. */
async function settled(page: Page) {
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '.mantine-Skeleton-root, [aria-busy="true"], .mantine-Loader-root, .mantine-Notification-root',
      ),
    null,
    { timeout: 15_000 },
  );
}

async function record(page: Page, where: Omit<AuditRow, 'counts' | 'violations'>) {
  await settled(page);
  const row = await audit(page, where);
  rows.push(row);
  if (row.counts.critical + row.counts.serious > 0)
    console.log(`${Object.values(where).join(' · ')}\n  ${row.violations.join('\n  ')}`);
  return row;
}

const problems = (from: AuditRow[]) =>
  from
    .filter((r) => r.counts.critical + r.counts.serious > 0)
    .map((r) => `${r.app} · ${r.screen} · ${r.mode} · ${r.language}: ${r.violations.join(' | ')}`);

async function placeTableOrder(tableNumber: number, dish: string) {
  const token = await e2e.tableToken(tableNumber);
  const menu = await e2e.server.api.get('/api/v1/table/menu', { token });
  const dishes = menu.body.categories.flatMap((c: { menus: Array<{ id: string; name: string }> }) => c.menus);
  const found = dishes.find((d: { name: string }) => d.name === dish);
  const res = await e2e.server.api.post(
    '/api/v1/table/orders',
    { items: [{ menuId: found.id, quantity: 1 }] },
    { token, headers: { 'idempotency-key': randomUUID() } },
  );
  expect(res.status).toBe(201);
}

describe('accessibility (axe-core): no serious or critical violation on any screen', () => {
  it('the tablet: setup, menu, dish, cart, order, staff call, my orders — both modes, four languages', async () => {
    const before = rows.length;
    // The staff-only setup screen, before the tablet has a table.
    const { page: fresh, context } = await e2e.newPage({ viewport: TABLET });
    current = fresh;
    await fresh.goto(`${e2e.baseUrl}/setup`);
    await fresh.getByLabel('매장 코드').waitFor();
    await record(fresh, { app: 'tablet', screen: 'setup', mode: 'standard', language: 'ko' });
    await context.close();

    await placeTableOrder(8, '김치찌개');
    await tablet.setUp(8);
    const page = tablet.page;
    current = page;
    for (const language of GUEST_LANGUAGES) {
      for (const mode of MODES) {
        const where = { app: 'tablet', mode, language };
        await applyGuestPrefs(page, language, mode);
        const dish = page.getByTestId(mode === 'easy' ? 'easy-choose' : 'menu-card').first();
        await dish.waitFor();
        await record(page, { ...where, screen: 'menu' });

        await (mode === 'easy' ? dish : dish.locator('button').first()).click();
        // A dish without options opens its detail, one with options the chooser.
        const addButton = page.locator('[data-testid="menu-detail-add"], [data-testid="chooser-add"]').first();
        await addButton.waitFor();
        await record(page, { ...where, screen: 'dish' });
        await addButton.click();
        await addButton.waitFor({ state: 'detached' });
        await record(page, { ...where, screen: 'menu with cart' });
        if (language === 'ko' && mode === 'easy') await saveScreenshot(page, 'customer-easy-mode.png');
        if (language === 'ja' && mode === 'standard') await saveScreenshot(page, 'customer-menu-ja.png');

        await page.getByTestId(mode === 'easy' ? 'easy-order' : 'cart-order').click();
        await page.getByTestId('confirm-order-submit').waitFor();
        await record(page, { ...where, screen: 'confirm order' });
        if (language === 'ko') {
          await page.getByTestId('confirm-order-submit').click();
          await page.getByTestId('order-done').waitFor();
          await record(page, { ...where, screen: 'order placed' });
          await page.getByTestId('order-done-close').click();
          await page.getByTestId('order-done').waitFor({ state: 'detached' });
        } else {
          await page.keyboard.press('Escape');
          await page.getByTestId('confirm-order-submit').waitFor({ state: 'detached' });
        }

        await page.getByTestId('call-button').click();
        await page.getByRole('dialog').waitFor();
        await record(page, { ...where, screen: 'staff call' });
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.getByTestId('nav-orders').click();
        await page.getByTestId('my-order').first().waitFor();
        await record(page, { ...where, screen: 'my orders' });
        await page.goto(`${e2e.baseUrl}/`);
      }
    }
    expect(problems(rows.slice(before))).toEqual([]);
  });

  it("a guest's phone: menu, dish, shared cart, orders, bill, staff call — both modes, four languages", async () => {
    const before = rows.length;
    expect((await tablet.api('patch', '/api/v1/admin/settings', { guestOrdering: 'any-table' })).status).toBe(200);
    const id = await tablet.tableId(6);
    const qr = await tablet.api('get', `/api/v1/admin/tables/${id}/qr`);
    const { page } = await e2e.newPage({ viewport: PHONE });
    current = page;
    await page.goto(`${e2e.baseUrl}/q/${qr.body.code}`);
    await page.getByTestId('guest-app').waitFor();
    for (const language of GUEST_LANGUAGES) {
      for (const mode of MODES) {
        const where = { app: 'phone', mode, language };
        await applyGuestPrefs(page, language, mode);
        const dish = page.getByTestId(mode === 'easy' ? 'easy-choose' : 'menu-card').first();
        await dish.waitFor();
        await record(page, { ...where, screen: 'menu' });
        await (mode === 'easy' ? dish : dish.locator('button').first()).click();
        // A dish without options opens its detail, one with options the chooser.
        const addButton = page.locator('[data-testid="menu-detail-add"], [data-testid="chooser-add"]').first();
        await addButton.waitFor();
        await record(page, { ...where, screen: 'dish' });
        await addButton.click();
        await addButton.waitFor({ state: 'detached' });
        await page.getByTestId('guest-tab-cart').click();
        await page.getByTestId('shared-cart-line').first().waitFor();
        await record(page, { ...where, screen: 'shared cart' });
        await page.getByTestId('guest-tab-orders').click();
        await record(page, { ...where, screen: 'orders' });
        await page.getByTestId('guest-tab-bill').click();
        await page.getByTestId('guest-bill').waitFor();
        await record(page, { ...where, screen: 'bill' });
        await page.getByTestId('guest-call').click();
        await page.getByRole('dialog').waitFor();
        await record(page, { ...where, screen: 'staff call' });
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
    }
    expect(problems(rows.slice(before))).toEqual([]);
  });

  it('the staff app: sign-in and every screen, in Korean and English', async () => {
    const before = rows.length;
    await placeTableOrder(3, '불고기');
    const { page } = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    current = page;
    await page.goto(`${e2e.baseUrl}/admin`);
    await page.getByLabel('아이디').waitFor();
    await record(page, { app: 'staff', screen: 'sign-in', mode: 'standard', language: 'ko' });
    await fillStaffSignIn(page);
    await page.locator('[data-testid="table-card"]').first().waitFor();
    await page.locator('[data-testid="connection-indicator"][data-status="open"]').waitFor();
    // A new order is read out to a screen reader, not only chimed and coloured.
    await placeTableOrder(2, '콜라');
    await page
      .getByTestId('new-order-live')
      .filter({ hasText: /새 주문: 테이블 2, 주문 \d+번/ })
      .waitFor();
    const tableId = await tablet.tableId(3);
    const screens: Array<[string, string]> = [
      ['live board', '/admin'],
      ['calls', '/admin/calls'],
      ['tables', '/admin/tables'],
      ['table history', `/admin/tables/${tableId}/history`],
      ['QR sheet', '/admin/tables/qr-sheet'],
      ['menus', '/admin/menus'],
      ['stations', '/admin/stations'],
      ['kitchen', '/admin/kitchen'],
      ['staff', '/admin/staff'],
      ['sales', '/admin/sales'],
      ['settings', '/admin/settings'],
    ];
    for (const language of STAFF_LANGUAGES) {
      await page.evaluate((l) => localStorage.setItem('tableorder.language', l), language);
      for (const [screen, url] of screens) {
        await page.goto(`${e2e.baseUrl}${url}`);
        await page.locator('main').first().waitFor();
        await page.waitForTimeout(300);
        await record(page, { app: 'staff', screen, mode: 'standard', language });
      }
      // Dialogs: an order's detail on the board, the dish form.
      await page.goto(`${e2e.baseUrl}/admin`);
      await page.locator('[data-testid="order-row"]').first().click();
      await page.getByRole('dialog').waitFor();
      await record(page, { app: 'staff', screen: 'order dialog', mode: 'standard', language });
      await page.keyboard.press('Escape');
      await page.goto(`${e2e.baseUrl}/admin/menus`);
      await page.getByRole('button', { name: language === 'ko' ? '메뉴 추가' : 'Add dish' }).click();
      await page.getByRole('dialog').waitFor();
      await record(page, { app: 'staff', screen: 'dish form', mode: 'standard', language });
      await page.keyboard.press('Escape');
    }
    expect(problems(rows.slice(before))).toEqual([]);
  });

  it('the super-admin app: sign-in, stores, a store, sales, the store form — Korean and English', async () => {
    const before = rows.length;
    const { page } = await e2e.newPage({ viewport: { width: 1280, height: 900 } });
    current = page;
    await page.goto(`${e2e.baseUrl}/superadmin`);
    await page.getByLabel('아이디').waitFor();
    await record(page, { app: 'super-admin', screen: 'sign-in', mode: 'standard', language: 'ko' });
    await page.getByLabel('아이디').fill('superadmin');
    await page.getByLabel('비밀번호').fill(DEMO.superadmin.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.locator('tr', { hasText: 'demo' }).first().waitFor();
    const storeLink = await page.locator('a[href*="/superadmin/stores/"]').first().getAttribute('href');
    for (const language of STAFF_LANGUAGES) {
      await page.evaluate((l) => localStorage.setItem('tableorder.language', l), language);
      const screens: Array<[string, string]> = [
        ['stores', '/superadmin'],
        ['store admins', storeLink ?? '/superadmin'],
        ['sales', '/superadmin/sales'],
      ];
      for (const [screen, url] of screens) {
        await page.goto(`${e2e.baseUrl}${url}`);
        await page.locator('main').first().waitFor();
        await page.waitForTimeout(300);
        await record(page, { app: 'super-admin', screen, mode: 'standard', language });
      }
      await page.goto(`${e2e.baseUrl}/superadmin`);
      await page.getByRole('button', { name: language === 'ko' ? '매장 추가' : 'Add store' }).click();
      await page.getByRole('dialog').waitFor();
      await record(page, { app: 'super-admin', screen: 'store form', mode: 'standard', language });
      await page.keyboard.press('Escape');
    }
    expect(problems(rows.slice(before))).toEqual([]);
  });
});
