import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, saveScreenshot, screenshotFailures, signInStaff, startE2E } from './harness.js';

const DESKTOP = { width: 1440, height: 900 };
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let e2e: E2E;
let staff: Page;
let tablet: Page;
let tabletContext: BrowserContext;

/** Every tone the staff app plays, with its pitch, voice and wall-clock time, kept on the page. */
const RECORD_TONES = () => {
  const tones: Array<{ frequency: number; type: string; at: number }> = [];
  (window as unknown as { __tones: typeof tones }).__tones = tones;
  const original = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function createOscillator(this: AudioContext) {
    const oscillator = original.call(this);
    const start = oscillator.start.bind(oscillator);
    oscillator.start = (when?: number) => {
      tones.push({ frequency: oscillator.frequency.value, type: oscillator.type, at: Date.now() });
      start(when);
    };
    return oscillator;
  };
};
/** The doorbell of a staff call: triangle tones (the new-order chime is sine). */
const callTones = () =>
  staff.evaluate(() =>
    (window as unknown as { __tones: Array<{ type: string; at: number }> }).__tones.filter(
      (tone) => tone.type === 'triangle',
    ),
  );

/** Taps a preset in the call sheet (its checkbox is drawn as a chip) and checks it took. */
async function pick(sheet: Locator, name: string) {
  await sheet.getByText(name, { exact: true }).click();
  expect(await sheet.getByRole('checkbox', { name, exact: true }).isChecked()).toBe(true);
}

const card = (page: Page, tableNumber: number) =>
  page.locator(`[data-testid="table-card"][data-table-number="${tableNumber}"]`);

async function setUpTablet(tableNumber: number, viewport = TABLET) {
  await tabletContext?.close();
  ({ context: tabletContext, page: tablet } = await e2e.newPage({ viewport }));
  await tablet.goto(`${e2e.baseUrl}/`);
  await tablet.waitForURL(/\/setup$/);
  await tablet.getByLabel('매장 코드').fill('demo');
  await tablet.getByLabel('테이블 번호').fill(String(tableNumber));
  await tablet.getByLabel('테이블 비밀번호').fill('1234');
  await tablet.getByRole('button', { name: '설정 완료' }).click();
  await tablet.locator('[data-testid="menu-card"]').first().waitFor();
}

async function openCalls(): Promise<Array<{ id: string; tableNumber: number; reasons: string[] }>> {
  const res = await e2e.server.api.get('/api/v1/admin/calls?status=open', { token: await e2e.staffToken() });
  expect(res.status).toBe(200);
  return res.body.calls;
}

beforeAll(async () => {
  e2e = await startE2E();
  const opened = await e2e.newPage({ viewport: DESKTOP });
  staff = opened.page;
  await opened.context.addInitScript(RECORD_TONES);
  await signInStaff(e2e, staff);
});

screenshotFailures(() => staff);

afterAll(async () => {
  await e2e?.close();
});

describe('staff calls', () => {
  it('rings the dashboard within 2 s of a guest calling for 물 and 앞접시; staff mark it seen and the tablet says so', async () => {
    const title = await staff.title();
    await staff.getByTestId('sound-toggle').click();
    await setUpTablet(3);

    await tablet.getByTestId('call-button').click();
    const sheet = tablet.getByRole('dialog', { name: '직원 호출' });
    await pick(sheet, '물');
    await pick(sheet, '앞접시');
    await sheet.getByLabel('요청 사항 (선택)').fill('아이 의자도 부탁해요');
    await tablet.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 10_000 });
    await saveScreenshot(tablet, 'customer-call-sheet.png');
    const tappedAt = Date.now();
    await sheet.getByTestId('call-send').click();

    // The dashboard: the card shows the call and the doorbell rings.
    const call = card(staff, 3).getByTestId('table-call');
    await call.waitFor({ timeout: 2_000 });
    await expect.poll(async () => (await callTones()).length, { timeout: 2_000 }).toBeGreaterThan(0);
    const [firstTone] = await callTones();
    const ringMs = firstTone!.at - tappedAt;
    console.log(`guest's tap → the dashboard's doorbell: ${ringMs} ms`);
    expect(ringMs).toBeLessThan(2_000);
    expect(await call.textContent()).toContain('물 · 앞접시');
    expect(await call.textContent()).toContain('아이 의자도 부탁해요');
    await expect.poll(() => staff.title()).toBe(`🔔 호출 1 · ${title}`);

    // The tablet: sent, and waiting for staff.
    const status = tablet.getByTestId('call-status');
    await status.and(tablet.locator('[data-state="called"]')).waitFor();
    expect(await status.textContent()).toContain('직원을 불렀어요');
    expect(await status.textContent()).toContain('물, 앞접시');
    await saveScreenshot(staff, 'admin-call-ringing.png');

    // One tap on the card: seen.
    await call.getByRole('button', { name: '테이블 3 호출 확인' }).click();
    await call.waitFor({ state: 'detached' });
    await expect.poll(() => staff.title()).toBe(title);
    await status.and(tablet.locator('[data-state="seen"]')).waitFor({ timeout: 2_000 });
    expect(await status.textContent()).toContain('확인했어요');
    await saveScreenshot(tablet, 'customer-call-seen.png');
    expect(await openCalls()).toEqual([]);
  });

  it('merges a second call into the open one and rings again; a reload keeps showing it as sent', async () => {
    await setUpTablet(4);
    const sheet = tablet.getByRole('dialog', { name: '직원 호출' });
    await tablet.getByTestId('call-button').click();
    // By keyboard: the presets are checkboxes, Space picks one.
    await sheet.getByRole('checkbox', { name: '물티슈', exact: true }).focus();
    await tablet.keyboard.press('Space');
    await sheet.getByTestId('call-send').click();
    await card(staff, 4).getByTestId('table-call').waitFor();
    const rings = (await callTones()).length;

    await tablet.getByTestId('call-button').click();
    await sheet.getByTestId('call-sheet-already').waitFor();
    await pick(sheet, '계산 요청');
    await sheet.getByRole('button', { name: '추가로 부르기' }).click();
    await expect
      .poll(async () => card(staff, 4).getByTestId('table-call').textContent())
      .toContain('물티슈 · 계산 요청');
    await expect.poll(async () => (await callTones()).length).toBeGreaterThan(rings);
    expect((await openCalls()).filter((c) => c.tableNumber === 4)).toHaveLength(1);

    await tablet.reload();
    await tablet.locator('[data-testid="call-status"][data-state="called"]').waitFor();
    expect(await tablet.getByTestId('call-status').textContent()).toContain('물티슈, 계산 요청');
  });

  it('keeps a call made offline in the outbox and sends it once, when the connection is back', async () => {
    await setUpTablet(6);
    await tabletContext.setOffline(true);
    await tablet.getByTestId('call-button').click();
    const sheet = tablet.getByRole('dialog', { name: '직원 호출' });
    await pick(sheet, '물');
    await sheet.getByTestId('call-send').click();
    const status = tablet.getByTestId('call-status');
    await status.and(tablet.locator('[data-state="waiting"]')).waitFor();
    expect(await status.textContent()).toContain('연결되면 직원을 부를게요');
    await tablet.waitForTimeout(2_500);
    expect((await openCalls()).filter((c) => c.tableNumber === 6)).toEqual([]);

    await tabletContext.setOffline(false);
    await status.and(tablet.locator('[data-state="called"]')).waitFor({ timeout: 20_000 });
    await card(staff, 6).getByTestId('table-call').waitFor();
    expect((await openCalls()).filter((c) => c.tableNumber === 6)).toMatchObject([{ reasons: ['물'] }]);
  });

  it('lists calls with their age on the calls screen, marks one done there, and shows who handled it', async () => {
    await staff.getByRole('link', { name: '직원 호출', exact: true }).click();
    await staff.waitForURL(/\/admin\/calls$/);
    const list = staff.getByTestId('call-list');
    const rows = list.getByTestId('call-row');
    await expect.poll(() => rows.count()).toBe(2);
    // Longest waiting first: table 4, then table 6 (sent last, once back online).
    expect(await rows.first().textContent()).toContain('테이블 4');
    expect(await rows.first().textContent()).toMatch(/방금|\d+분 전/);
    expect(await rows.nth(1).textContent()).toContain('테이블 6');
    await saveScreenshot(staff, 'admin-calls.png');
    await list.getByRole('button', { name: '테이블 4 호출 완료' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await staff.getByText('처리됨', { exact: true }).click();
    const handled = list.locator('[data-testid="call-row"][data-status="done"]');
    await expect.poll(() => handled.count()).toBe(2);
    expect(await handled.first().textContent()).toMatch(/초 만에 처리 · admin/);
  });

  it('edits the presets with their translations; a tablet in English shows the new one at once', async () => {
    await setUpTablet(7);
    await tablet.getByTestId('language-switch').click();
    await tablet.getByRole('menuitem', { name: 'English' }).click();
    await staff.getByRole('button', { name: '호출 항목 편집' }).click();
    const editor = staff.getByRole('dialog', { name: '호출 항목' });
    await editor.getByRole('button', { name: '항목 추가' }).click();
    await editor.getByLabel('항목 6', { exact: true }).fill('불판 교체');
    await editor.getByLabel('English · 항목 6').fill('Change the grill');
    await editor.getByRole('button', { name: '항목 6 위로' }).click();
    await editor.getByRole('button', { name: '저장' }).click();
    await editor.waitFor({ state: 'detached' });

    await tablet.getByTestId('call-button').click();
    const sheet = tablet.getByRole('dialog', { name: 'Call staff' });
    const names = sheet.getByRole('checkbox');
    await expect.poll(() => names.count()).toBe(6);
    expect(
      await names.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent)),
    ).toEqual(['물', '수저·젓가락', '앞접시', '물티슈', 'Change the grill', '계산 요청']);
  });

  it('on a phone puts the tables that need someone first and folds the free ones into one row', async () => {
    const phone = await e2e.newPage({ viewport: PHONE });
    try {
      await signInStaff(e2e, phone.page);
      const cards = phone.page.getByTestId('table-card');
      // Table 6 is calling; the others have no guests and nothing open: one row of numbers.
      await expect
        .poll(async () => cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-table-number'))))
        .toEqual(['6']);
      const free = phone.page.getByTestId('free-tables');
      expect(await free.getByTestId('free-table').count()).toBe(7);
      await free.getByRole('button', { name: '테이블 2 펼치기' }).click();
      await expect
        .poll(async () => cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-table-number'))))
        .toEqual(['6', '2']);
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await saveScreenshot(phone.page, 'admin-phone-board.png');
    } finally {
      await phone.context.close();
    }
  });
});
