import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './axe.js';
import { DEMO, type E2E, saveScreenshot, screenshotFailures, signInStaff, startE2E } from './harness.js';

const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1280, height: 800 };
const TABLE = 6;

let e2e: E2E;
let staff: Page;
let tablet: { context: BrowserContext; page: Page };
let failing: Page | undefined;
screenshotFailures(() => failing);

const owner = async () => ({ token: await e2e.staffToken() });
const card = () => staff.locator(`[data-testid="table-card"][data-table-number="${TABLE}"]`);
const prompt = () => tablet.page.getByRole('region', { name: '몇 분이세요?' });

async function visit() {
  const res = await e2e.server.api.get('/api/v1/table/session', { token: await e2e.tableToken(TABLE) });
  expect(res.status).toBe(200);
  return res.body as { session: { sessionId: string; guests: number | null } | null; askGuestCount: boolean };
}

async function tableId(): Promise<string> {
  const tables = await e2e.server.api.get('/api/v1/admin/tables', await owner());
  return tables.body.tables.find((t: { number: number }) => t.number === TABLE).id;
}

/** Staff end the visit from the dashboard (이용 완료, confirmed). */
async function endVisitOnDashboard() {
  await card().getByRole('button', { name: '이용 완료' }).click();
  const confirm = staff.getByRole('dialog', { name: `테이블 ${TABLE} 이용 완료` });
  await confirm.getByRole('button', { name: '이용 완료' }).click();
  await confirm.waitFor({ state: 'detached' });
}

beforeAll(async () => {
  e2e = await startE2E();
  ({ page: staff } = await e2e.newPage({ viewport: DESKTOP }));
  await signInStaff(e2e, staff);
});
afterAll(async () => {
  await tablet?.context.close();
  await e2e?.close();
});

describe('the tablet asks the guest count', () => {
  it('asks first when the store wants it; the count reaches the dashboard live; the next guests are asked again', async () => {
    const on = await e2e.server.api.patch('/api/v1/admin/settings', { askGuestCount: true }, await owner());
    expect(on.status).toBe(200);

    tablet = await e2e.newPage({ viewport: TABLET });
    failing = tablet.page;
    const p = tablet.page;
    await p.goto(`${e2e.baseUrl}/`);
    await p.waitForURL(/\/setup$/);
    await p.getByLabel('매장 코드').fill(DEMO.store);
    await p.getByLabel('테이블 번호').fill(String(TABLE));
    await p.getByLabel('테이블 비밀번호').fill(DEMO.tablePassword);
    await p.getByRole('button', { name: '설정 완료' }).click();

    // Before anything else: the question, not the menu.
    await prompt().waitFor();
    expect(await p.getByTestId('menu-card').count()).toBe(0);
    expect(await p.getByRole('heading', { level: 1, name: '몇 분이세요?' }).count()).toBe(1);
    const start = p.getByRole('button', { name: '시작하기' });
    expect(await start.isDisabled()).toBe(true);

    await p.getByRole('button', { name: '4명' }).click();
    expect(await p.getByRole('button', { name: '4명' }).getAttribute('aria-pressed')).toBe('true');
    await p.getByRole('button', { name: '한 명 늘리기' }).click();
    expect(await p.getByTestId('guest-count-value').textContent()).toBe('5명');
    expect(await p.getByRole('button', { name: '4명' }).getAttribute('aria-pressed')).toBe('false');
    await p.getByRole('button', { name: '한 명 줄이기' }).click();
    expect(await p.getByTestId('guest-count-value').textContent()).toBe('4명');
    const checked = await audit(p, { app: 'customer', screen: 'guest count', mode: 'standard', language: 'ko' });
    expect(checked.violations.filter((v) => /\((critical|serious)/.test(v))).toEqual([]);
    // The picture without the passing set-up notice over it.
    const hidden = await p.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
    await saveScreenshot(p, 'customer-guest-count.png');
    await hidden.evaluate((style) => (style as Element).remove());
    expect((await visit()).session).toBeNull();

    await start.click();
    await prompt().waitFor({ state: 'detached' });
    await p.getByTestId('menu-card').first().waitFor();
    const opened = await visit();
    expect(opened).toMatchObject({ askGuestCount: true, session: { guests: 4 } });
    // The staff dashboard, open all along, shows the count live.
    await expect.poll(() => card().getByTestId('table-guests').textContent()).toBe('4명');

    failing = staff;
    await endVisitOnDashboard();
    failing = p;
    // The tablet hears the visit end: the next guests are asked again.
    await prompt().waitFor();
    expect((await visit()).session).toBeNull();
  });

  it('is keyboard operable in easy mode; a visit staff opened meanwhile simply lets the guests in', async () => {
    const p = tablet.page;
    await p.getByTestId('easy-mode-toggle').click();
    await p.waitForFunction(() => document.documentElement.dataset.easy === 'on');
    await prompt().waitFor();
    const easy = await audit(p, { app: 'customer', screen: 'guest count', mode: 'easy', language: 'ko' });
    expect(easy.violations.filter((v) => /\((critical|serious)/.test(v))).toEqual([]);

    // Staff seat three guests at the table before the tablet is answered.
    const seated = await e2e.server.api.post(
      `/api/v1/admin/tables/${await tableId()}/open`,
      { guests: 3 },
      await owner(),
    );
    expect(seated.status).toBe(200);
    await p.getByRole('button', { name: '2명' }).focus();
    await p.keyboard.press('Enter');
    expect(await p.getByTestId('guest-count-value').textContent()).toBe('2명');
    await p.getByRole('button', { name: '시작하기' }).focus();
    await p.keyboard.press('Enter');
    await prompt().waitFor({ state: 'detached' });
    await p.getByTestId('easy-menu').or(p.getByTestId('menu-card')).first().waitFor();
    // The 409 changed nothing: the visit is the one staff opened, with their count.
    expect(await visit()).toMatchObject({ session: { sessionId: seated.body.sessionId, guests: 3 } });
    await expect.poll(() => card().getByTestId('table-guests').textContent()).toBe('3명');
  });

  it('asks nothing when the store does not ask the count', async () => {
    const p = tablet.page;
    await endVisitOnDashboard();
    await prompt().waitFor();
    const off = await e2e.server.api.patch('/api/v1/admin/settings', { askGuestCount: false }, await owner());
    expect(off.status).toBe(200);
    // The tablet is not told live; a fresh look at the table (as its half-minute refresh does) is.
    await p.reload();
    await p.getByTestId('easy-menu').or(p.getByTestId('menu-card')).first().waitFor();
    expect(await prompt().count()).toBe(0);
    expect(await visit()).toEqual({ session: null, askGuestCount: false });
  });
});
