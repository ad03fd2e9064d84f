import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type E2E, fillStaffSignIn, screenshotFailures, startE2E } from './harness.js';

let e2e: E2E;
let page: Page;

const tableRow = (n: number) => page.locator(`[data-testid="table-row"][data-table-number="${n}"]`);
const userRow = (username: string) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);

const tableSignIn = (tableNumber: number, password: string) =>
  e2e.server.api.post('/api/v1/auth/table/login', { storeCode: DEMO.store, tableNumber, password });

beforeAll(async () => {
  e2e = await startE2E();
  ({ page } = await e2e.newPage({ viewport: { width: 1440, height: 900 } }));
  await page.goto(`${e2e.baseUrl}/admin/tables`);
  await fillStaffSignIn(page);
  await page.waitForURL(/\/admin\/tables$/);
  await tableRow(1).waitFor();
});

screenshotFailures(() => page);

afterAll(async () => {
  await e2e?.close();
});

describe('tables', () => {
  it('adds a table, refusing a number already taken', async () => {
    await page.getByRole('button', { name: '테이블 추가' }).click();
    const form = page.getByRole('dialog', { name: '테이블 추가' });
    // The next free number is suggested.
    expect(await form.getByLabel('테이블 번호').inputValue()).toBe('9');
    await form.getByLabel('테이블 번호').fill('4');
    await form.getByLabel('태블릿 비밀번호').fill('12');
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('비밀번호는 4~64자입니다.').waitFor();
    await form.getByLabel('태블릿 비밀번호').fill('window-9');
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('이미 있는 테이블 번호입니다.').waitFor();
    await form.getByLabel('테이블 번호').fill('9');
    await form.getByRole('button', { name: '추가' }).click();
    await form.waitFor({ state: 'detached' });
    await tableRow(9).waitFor();
    expect((await tableSignIn(9, 'window-9')).status).toBe(200);
  });

  it("changes a table's password: the old one stops working", async () => {
    await tableRow(2).getByRole('button', { name: '번호·비밀번호 변경' }).click();
    const form = page.getByRole('dialog', { name: '테이블 2 수정' });
    await form.getByLabel('새 태블릿 비밀번호').fill('new-pass-2');
    await form.getByRole('button', { name: '저장' }).click();
    await form.waitFor({ state: 'detached' });
    expect((await tableSignIn(2, '1234')).status).toBe(401);
    expect((await tableSignIn(2, 'new-pass-2')).status).toBe(200);
  });

  it('explains that a table in use cannot be deleted (only a close button), and deletes a free one', async () => {
    const token = (await tableSignIn(1, '1234')).body.token;
    const menu = await e2e.server.api.get('/api/v1/table/menu', { token });
    const menuId = menu.body.categories[0].menus[0].id;
    const ordered = await e2e.server.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId, quantity: 1 }] },
      { token, headers: { 'idempotency-key': 'manage-e2e-order-1' } },
    );
    expect(ordered.status).toBe(201);
    await tableRow(1).getByText('이용 중').waitFor();

    await tableRow(1).getByRole('button', { name: '삭제' }).click();
    let confirm = page.getByRole('dialog', { name: '테이블 1 삭제' });
    // The dialog says why and offers only to close: no red button that could only fail.
    await confirm.getByTestId('confirm-blocked').waitFor();
    expect(await confirm.getByTestId('confirm-blocked').textContent()).toContain('이용 중이라 삭제할 수 없습니다');
    expect(await confirm.getByRole('button', { name: '삭제' }).count()).toBe(0);
    await confirm.getByRole('button', { name: '닫기' }).last().click();
    await confirm.waitFor({ state: 'detached' });
    expect(await tableRow(1).count()).toBe(1);

    await tableRow(9).getByRole('button', { name: '삭제' }).click();
    confirm = page.getByRole('dialog', { name: '테이블 9 삭제' });
    await confirm.getByRole('button', { name: '삭제' }).click();
    await tableRow(9).waitFor({ state: 'detached' });
    expect((await tableSignIn(9, 'window-9')).status).toBe(401);
  });

  it('adds one table for a double click on the submit button', async () => {
    await page.getByRole('button', { name: '테이블 추가' }).click();
    const form = page.getByRole('dialog', { name: '테이블 추가' });
    await form.getByLabel('테이블 번호').fill('10');
    await form.getByLabel('태블릿 비밀번호').fill('window-10');
    // A second request would be refused as a duplicate number and leave the form open with an error.
    await form.getByRole('button', { name: '추가' }).dblclick();
    await form.waitFor({ state: 'detached' });
    await tableRow(10).waitFor();
    expect(await tableRow(10).count()).toBe(1);
    expect(await page.getByText('이미 있는 테이블 번호입니다.').count()).toBe(0);
  });
});

describe('staff accounts', () => {
  it('lets an owner add a manager, who does not see the staff screen', async () => {
    await page.getByRole('link', { name: '직원 계정' }).click();
    await userRow('admin').waitFor();
    expect(await userRow('admin').textContent()).toContain('나');
    await page.getByRole('button', { name: '계정 추가' }).click();
    const form = page.getByRole('dialog', { name: '계정 추가' });
    await form.getByLabel('아이디').fill('park');
    await form.getByLabel('비밀번호').fill('manager-pass');
    expect(await form.getByRole('radio', { name: '매니저' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: '추가' }).click();
    await userRow('park').waitFor();

    const { context, page: manager } = await e2e.newPage({ viewport: { width: 1024, height: 768 } });
    try {
      await manager.goto(`${e2e.baseUrl}/admin/staff`);
      await fillStaffSignIn(manager, 'park', 'manager-pass');
      // Managers asking for the staff screen land on the dashboard, which has no link to it.
      await manager.locator('[data-testid="table-card"]').first().waitFor();
      expect(new URL(manager.url()).pathname).toBe('/admin');
      expect(await manager.getByRole('link', { name: '직원 계정' }).count()).toBe(0);

      // Deleting the account signs it out on its next request, with a message.
      await userRow('park').getByRole('button', { name: '삭제' }).click();
      await page.getByRole('dialog', { name: 'park 계정 삭제' }).getByRole('button', { name: '삭제' }).click();
      await userRow('park').waitFor({ state: 'detached' });
      await manager.getByRole('link', { name: '메뉴' }).click();
      await manager.waitForURL(/\/admin\/login$/);
      expect(await manager.getByTestId('sign-in-notice').textContent()).toContain('다시 로그인해 주세요');
    } finally {
      await context.close();
    }
  });

  it('explains that owners cannot delete their own account, offering only to close', async () => {
    await userRow('admin').getByRole('button', { name: '삭제' }).click();
    const confirm = page.getByRole('dialog', { name: 'admin 계정 삭제' });
    await confirm.getByTestId('confirm-blocked').waitFor();
    expect(await confirm.getByTestId('confirm-blocked').textContent()).toContain('자기 계정은 삭제할 수 없습니다');
    expect(await confirm.getByRole('button', { name: '삭제' }).count()).toBe(0);
    await confirm.getByRole('button', { name: '닫기' }).last().click();
    await confirm.waitFor({ state: 'detached' });
    expect(await userRow('admin').count()).toBe(1);
  });

  it('switches to English and remembers it', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Staff accounts' }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Live board' }).waitFor();
    await page.getByText('한국어', { exact: true }).click();
    await page.getByRole('heading', { name: '직원 계정' }).waitFor();
  });
});
