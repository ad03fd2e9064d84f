import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tabletSuite } from './customer-tablet.js';
import { DEMO } from './harness.js';

const { tablet, e2e } = tabletSuite();

const LOGIN = '**/api/v1/auth/table/login';

/** Counts the tablet's sign-in requests from now on. */
function countSignIns() {
  let count = 0;
  const listener = (request: Request) => {
    if (request.url().endsWith('/api/v1/auth/table/login')) count += 1;
  };
  tablet.page.on('request', listener);
  return () => count;
}

describe('customer tablet: when it cannot sign in', () => {
  it('asks guests to call staff when the table password changes, keeps the table, and staff set it up again from there', async () => {
    await tablet.setUp(8);
    await tablet.add('사이다');
    const id = await tablet.tableId(8);
    try {
      expect((await tablet.api('patch', `/api/v1/admin/tables/${id}`, { password: '5678' })).status).toBe(200);
      // No order, no reload: the server ends the tablet's stream, and its sign-in is refused.
      const lock = tablet.page.locator('[data-testid="lock-screen"][data-reason="revoked"]');
      await lock.waitFor({ timeout: 5_000 });
      await lock.getByRole('heading', { name: '직원을 불러주세요' }).waitFor();
      await lock.getByTestId('lock-reason').filter({ hasText: '비밀번호가 바뀌었거나' }).waitFor();
      await lock.getByTestId('lock-table').filter({ hasText: '8번 테이블' }).waitFor();
      expect(await tablet.page.getByTestId('setup-form').count()).toBe(0);
      expect(new URL(tablet.page.url()).pathname).toBe('/');

      // A refused password is not tried again (each try would count towards the table's lockout).
      const signIns = countSignIns();
      await tablet.page.waitForTimeout(2_000);
      expect(signIns()).toBe(0);
      expect(await lock.getByTestId('lock-retry').count()).toBe(0);
      expect(await tablet.storedDevice()).toMatchObject({
        place: { storeCode: DEMO.store, tableNumber: 8 },
        password: null,
        lock: 'revoked',
      });

      // Still locked after a reload; staff open the setup form with the long press on the logo.
      await tablet.page.reload();
      await lock.waitFor();
      await tablet.page.goto(`${e2e().baseUrl}/setup`);
      await lock.waitFor();
      expect(new URL(tablet.page.url()).pathname).toBe('/');
      await tablet.holdLogo();
      await tablet.page.waitForURL(/\/setup$/);
      await tablet.page.getByTestId('setup-revoked').waitFor();
      expect(await tablet.page.getByLabel('매장 코드').inputValue()).toBe(DEMO.store);
      expect(await tablet.page.getByLabel('테이블 번호').inputValue()).toBe('8');
      await tablet.page.getByLabel('테이블 비밀번호').fill('5678');
      await tablet.page.getByRole('button', { name: '설정 완료' }).click();
      await tablet.page.locator('[data-testid="menu-card"]').first().waitFor();
      await tablet.cartLine('사이다').waitFor();
    } finally {
      await tablet.api('patch', `/api/v1/admin/tables/${id}`, { password: DEMO.tablePassword });
    }
  });

  it('locks while the store is deactivated, keeps its password and opens again by itself when it is back', async () => {
    await tablet.setUp(5);
    await tablet.add('콜라');
    try {
      await tablet.updateDemoStore({ isActive: false });
      const lock = tablet.page.locator('[data-testid="lock-screen"][data-reason="inactive"]');
      await lock.waitFor({ timeout: 5_000 });
      await lock.getByRole('heading', { name: '직원을 불러주세요' }).waitFor();
      await lock.getByTestId('lock-reason').filter({ hasText: '매장이 운영 중' }).waitFor();
      await lock.getByText(/\d+초 후 다시 연결/).waitFor();
      expect(await tablet.storedDevice()).toMatchObject({ password: DEMO.tablePassword, lock: 'inactive' });

      // Tapping "reconnect" while the store is still off changes nothing.
      await lock.getByTestId('lock-retry').click();
      await tablet.page.waitForTimeout(500);
      await lock.waitFor();

      await tablet.updateDemoStore({ isActive: true });
      // The next attempt (every 30 s) finds the store open again: no staff needed.
      await lock.waitFor({ state: 'detached', timeout: 40_000 });
      await tablet.page.locator('[data-testid="menu-card"]').first().waitFor();
      await tablet.cartLine('콜라').waitFor();
      expect(await tablet.storedDevice()).toMatchObject({ password: DEMO.tablePassword, lock: null });
    } finally {
      await tablet.updateDemoStore({ isActive: true });
      await tablet.signInOwner();
    }
  });

  it('locks while the server cannot be reached for a sign-in, and opens again by itself', async () => {
    await tablet.setUp(6);
    await tablet.page.route(LOGIN, (route) => route.abort('connectionrefused'));
    // A token the server refuses makes the tablet sign in again, which cannot get through.
    await tablet.page.evaluate(() => {
      const device = JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}');
      localStorage.setItem('tableorder.customer.device', JSON.stringify({ ...device, token: 'not-a-valid-token' }));
    });
    await tablet.page.reload();
    const lock = tablet.page.locator('[data-testid="lock-screen"][data-reason="unreachable"]');
    await lock.waitFor();
    await lock.getByTestId('lock-reason').filter({ hasText: '서버에 연결할 수 없습니다' }).waitFor();
    expect(await tablet.storedDevice()).toMatchObject({ password: DEMO.tablePassword, lock: 'unreachable' });
    expect(await tablet.smallTargets()).toEqual([]);

    await tablet.page.unroute(LOGIN);
    await lock.waitFor({ state: 'detached', timeout: 10_000 });
    await tablet.page.locator('[data-testid="menu-card"]').first().waitFor();
    await tablet.page.locator('[data-testid="table-number"]', { hasText: '6번 테이블' }).waitFor();
  });

  it('keeps a setup stored by the previous version of the app', async () => {
    await tablet.setUp(7);
    const reloadWith = async (entries: Record<string, unknown>) => {
      await tablet.page.evaluate((values) => {
        localStorage.removeItem('tableorder.customer.device');
        for (const [key, value] of Object.entries(values)) localStorage.setItem(key, JSON.stringify(value));
      }, entries);
      await tablet.page.reload();
    };
    const table = await tablet.page.evaluate(
      () => JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}').table,
    );
    await reloadWith({
      'tableorder.customer.device': {
        credentials: { storeCode: DEMO.store, tableNumber: 7, password: DEMO.tablePassword },
        token: null,
        expiresAt: null,
        table,
      },
    });
    await tablet.page.locator('[data-testid="table-number"]', { hasText: '7번 테이블' }).waitFor();
    // Signed in again with the stored password (and nothing left in flight to overwrite the storage).
    await tablet.page.locator('[data-testid="menu-card"]').first().waitFor();
    await tablet.page.waitForFunction(
      () => JSON.parse(localStorage.getItem('tableorder.customer.device') ?? '{}').token,
    );
    expect(await tablet.storedDevice()).toMatchObject({
      place: { storeCode: DEMO.store, tableNumber: 7 },
      password: DEMO.tablePassword,
    });

    // A device the previous version had sent back to setup after a refused password is locked instead.
    await reloadWith({
      'tableorder.customer.device-reset': { notice: 'revoked', previous: { storeCode: DEMO.store, tableNumber: 7 } },
    });
    await tablet.page.locator('[data-testid="lock-screen"][data-reason="revoked"]').waitFor();
  });
});
