import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type E2E, saveScreenshot, screenshotFailures, startE2E } from './harness.js';

let e2e: E2E;
let page: Page;

const storeRow = (code: string) => page.locator(`[data-testid="store-row"][data-store-code="${code}"]`);

async function adminSignIn(target: Page, storeCode: string, username: string, password: string) {
  await target.getByLabel('매장 코드').fill(storeCode);
  await target.getByLabel('아이디').fill(username);
  await target.getByLabel('비밀번호').fill(password);
  await target.getByRole('button', { name: '로그인' }).click();
}

beforeAll(async () => {
  e2e = await startE2E();
  ({ page } = await e2e.newPage({ viewport: { width: 1440, height: 900 } }));
});

screenshotFailures(() => page);

afterAll(async () => {
  await e2e?.close();
});

describe('super-admin', () => {
  it('signs in and lists the stores', async () => {
    await page.goto(`${e2e.baseUrl}/superadmin`);
    await page.waitForURL(/\/superadmin\/login$/);
    await page.getByLabel('아이디').fill('superadmin');
    await page.getByLabel('비밀번호').fill('superadmin1234');
    await page.getByRole('button', { name: '로그인' }).click();
    await storeRow('demo').waitFor();
    expect(await storeRow('demo').textContent()).toContain('테이블오더 데모점');
    expect(await storeRow('demo').textContent()).toContain('운영 중');
  });

  it('refuses an invalid store code before asking the server, then creates the store', async () => {
    await page.getByRole('button', { name: '매장 추가' }).click();
    const form = page.getByRole('dialog', { name: '매장 추가' });
    await form.getByLabel('매장 코드').fill('Bad Code!');
    await form.getByLabel('매장 이름').fill('강남역점');
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('매장 코드는 영문 소문자, 숫자, - 로 2~32자입니다.').waitFor();

    await form.getByLabel('매장 코드').fill(DEMO.store);
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('이미 쓰이고 있는 매장 코드입니다.').waitFor();

    await form.getByLabel('매장 코드').fill('gangnam');
    await form.getByRole('button', { name: '추가' }).click();
    // A new store opens on its accounts page, ready for its owner.
    await page.waitForURL(/\/superadmin\/stores\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: '강남역점 관리자 계정' }).waitFor();
    await page.getByText('아직 계정이 없습니다.').waitFor();
  });

  it("creates the store's owner, who then signs in to the store admin", async () => {
    await page.getByRole('button', { name: '계정 추가' }).click();
    const form = page.getByRole('dialog', { name: '계정 추가' });
    await form.getByLabel('아이디').fill('kim');
    await form.getByLabel('비밀번호').fill('short');
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('비밀번호는 8자 이상이어야 합니다 (최대 72바이트).').waitFor();
    await form.getByLabel('비밀번호').fill('gangnam-owner-1');
    expect(await form.getByRole('radio', { name: '점주' }).isChecked()).toBe(true);
    await form.getByRole('button', { name: '추가' }).click();
    await form.waitFor({ state: 'detached' });
    const owner = page.locator('[data-testid="admin-row"][data-username="kim"]');
    await owner.waitFor();
    expect(await owner.textContent()).toContain('점주');

    const { context, page: staff } = await e2e.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await staff.goto(`${e2e.baseUrl}/admin`);
      await adminSignIn(staff, 'gangnam', 'kim', 'gangnam-owner-1');
      await staff.getByText('등록된 테이블이 없습니다. 테이블 메뉴에서 추가하세요.').waitFor();
      expect(await staff.getByTestId('store-name').textContent()).toBe('강남역점');
      expect(await staff.getByRole('link', { name: '직원 계정' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('resets a password, and a deleted account can no longer sign in', async () => {
    await page.getByRole('button', { name: '계정 추가' }).click();
    let form = page.getByRole('dialog', { name: '계정 추가' });
    await form.getByLabel('아이디').fill('lee');
    await form.getByLabel('비밀번호').fill('first-password');
    await form.getByRole('radio', { name: '매니저' }).check({ force: true });
    await form.getByRole('button', { name: '추가' }).click();
    const manager = page.locator('[data-testid="admin-row"][data-username="lee"]');
    await manager.waitFor();
    expect(await manager.textContent()).toContain('매니저');

    await manager.getByRole('button', { name: '비밀번호·권한 변경' }).click();
    form = page.getByRole('dialog', { name: 'lee 계정 수정' });
    await form.getByLabel('새 비밀번호').fill('second-password');
    await form.getByRole('button', { name: '저장' }).click();
    await form.waitFor({ state: 'detached' });
    const signIn = (password: string) =>
      e2e.server.api.post('/api/v1/auth/admin/login', { storeCode: 'gangnam', username: 'lee', password });
    expect((await signIn('first-password')).status).toBe(401);
    expect((await signIn('second-password')).status).toBe(200);

    await manager.getByRole('button', { name: '삭제' }).click();
    await page.getByRole('dialog', { name: 'lee 계정 삭제' }).getByRole('button', { name: '삭제' }).click();
    await manager.waitFor({ state: 'detached' });
    expect((await signIn('second-password')).status).toBe(401);
  });

  it('explains that the last owner cannot be deleted, offering only to close', async () => {
    const owner = page.locator('[data-testid="admin-row"][data-username="kim"]');
    await owner.getByRole('button', { name: '삭제' }).click();
    const confirm = page.getByRole('dialog', { name: 'kim 계정 삭제' });
    // The dialog says why and offers only to close: no red button that could only fail.
    await confirm.getByTestId('confirm-blocked').waitFor();
    expect(await confirm.getByTestId('confirm-blocked').textContent()).toContain('하나뿐인 점주 계정');
    expect(await confirm.getByRole('button', { name: '삭제' }).count()).toBe(0);
    await confirm.getByRole('button', { name: '닫기' }).last().click();
    await confirm.waitFor({ state: 'detached' });
    expect(await owner.count()).toBe(1);
  });

  it('deactivates a store, whose staff then cannot sign in, and shows the stores list', async () => {
    await page.getByRole('link', { name: '← 매장 목록' }).click();
    await storeRow('gangnam').getByRole('button', { name: '비활성화' }).click();
    await page.getByRole('dialog', { name: '"강남역점" 비활성화' }).getByRole('button', { name: '비활성화' }).click();
    await storeRow('gangnam').getByText('비활성', { exact: true }).waitFor();
    expect(await storeRow('gangnam').getByRole('button', { name: '다시 활성화' }).count()).toBe(1);
    const res = await e2e.server.api.post('/api/v1/auth/admin/login', {
      storeCode: 'gangnam',
      username: 'kim',
      password: 'gangnam-owner-1',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('STORE_INACTIVE');

    // More stores make the screenshot look like a real installation.
    const superadmin = await e2e.server.api.post('/api/v1/auth/superadmin/login', {
      username: 'superadmin',
      password: DEMO.superadmin.password,
    });
    for (const [code, name] of [
      ['hongdae', '홍대입구점'],
      ['busan-seomyeon', '부산 서면점'],
    ]) {
      const created = await e2e.server.api.post(
        '/api/v1/superadmin/stores',
        { code, name },
        { token: superadmin.body.token },
      );
      expect(created.status).toBe(201);
    }
    await page.reload();
    await storeRow('hongdae').waitFor();
    expect(await page.getByTestId('store-row').count()).toBe(4);
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'superadmin-stores.png');
  });
});

describe('store admin sign-in protection', () => {
  it('says plainly when an account is locked after repeated failures', async () => {
    const { context, page: staff } = await e2e.newPage();
    try {
      await staff.goto(`${e2e.baseUrl}/admin/login`);
      const error = staff.getByTestId('sign-in-error');
      for (let attempt = 1; attempt <= 5; attempt++) {
        await adminSignIn(staff, 'demo', 'admin', `wrong-${attempt}`);
        await expect.poll(() => error.textContent()).toContain('입력한 정보가 맞지 않습니다');
        await staff.getByRole('button', { name: '로그인' }).waitFor({ state: 'attached' });
        await expect.poll(() => staff.getByRole('button', { name: '로그인' }).isEnabled()).toBe(true);
      }
      await adminSignIn(staff, 'demo', 'admin', 'admin1234');
      await expect.poll(() => error.textContent()).toMatch(/잠겼습니다\. \d+분 후에 다시 시도해 주세요/);
    } finally {
      await context.close();
    }
  });
});
