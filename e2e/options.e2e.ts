import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tabletSuite } from './customer-tablet.js';
import { saveScreenshot, signInStaff } from './harness.js';

const { tablet, e2e } = tabletSuite();

const DESKTOP = { width: 1440, height: 900 };

interface Group {
  id: string;
  name: string;
  options: Array<{ id: string; name: string; price: number; isAvailable: boolean; translations: object }>;
}

async function optionGroup(name: string): Promise<Group> {
  const res = await tablet.api('get', '/api/v1/admin/option-groups');
  expect(res.status).toBe(200);
  const group = (res.body.optionGroups as Group[]).find((g) => g.name === name);
  if (!group) throw new Error(`no option group ${name}`);
  return group;
}

describe('menus with options, in the guest language', () => {
  let staff: Page;

  it('a guest in Japanese picks 맵기 and two 사리 with a note, orders, and staff see it live', async () => {
    ({ page: staff } = await e2e().newPage({ viewport: DESKTOP }));
    await signInStaff(e2e(), staff);

    // Staff sell out one add-in before the guest looks.
    const toppings = await optionGroup('사리 추가');
    const sold = await tablet.api('patch', `/api/v1/admin/option-groups/${toppings.id}`, {
      options: toppings.options.map(({ id, name, price, isAvailable, translations }) => ({
        id,
        name,
        price,
        isAvailable: name === '떡사리' ? false : isAvailable,
        translations,
      })),
    });
    expect(sold.status).toBe(200);

    await tablet.setUp(6);
    await tablet.page.getByTestId('language-switch').click();
    await tablet.page.getByRole('menuitem', { name: '日本語' }).click();
    // Store texts in Japanese: the category and the dish.
    await tablet.page.getByTestId('category-rail').getByRole('button', { name: 'サイド' }).waitFor();
    const tteokbokki = tablet.card('トッポッキ');
    await tteokbokki.getByTestId('menu-badges').getByText('人気').waitFor();

    // A dish with options opens the chooser.
    await tteokbokki.locator('button').first().click();
    const chooser = tablet.page.getByTestId('option-chooser');
    await chooser.getByText('辛さ').waitFor();
    const option = (name: string) => chooser.locator('[data-testid="chooser-option"]', { hasText: name });
    // The sold-out add-in is shown, marked and disabled.
    expect(await option('追加トック').getAttribute('data-sold-out')).toBe('true');
    expect(await option('追加トック').isDisabled()).toBe(true);

    await option('辛口').click();
    await option('ラーメン麺').click();
    await option('チーズ').click();
    await chooser.getByTestId('chooser-note').fill('ネギ抜きで');
    await chooser.getByRole('button', { name: '数量を増やす' }).click();
    // 7,000 + 1,000 + 1,500, twice.
    await chooser.locator('[data-testid="chooser-price"]', { hasText: '19,000' }).waitFor();
    await tablet.page.waitForTimeout(300); // the modal's opening transition, for the picture only
    await saveScreenshot(tablet.page, 'customer-options.png');
    await chooser.getByTestId('chooser-add').click();
    await chooser.waitFor({ state: 'hidden' });

    const line = tablet.page.locator('[data-testid="cart-line"]', { hasText: 'トッポッキ' });
    await line.getByTestId('cart-line-options').filter({ hasText: '辛口 · ラーメン麺 · チーズ' }).waitFor();
    await line.getByTestId('cart-line-note').filter({ hasText: 'ネギ抜きで' }).waitFor();

    // A required choice: the add button waits for it.
    await tablet.card('ジャンチグクス').getByTestId('menu-add').click();
    await chooser.getByText('量').first().waitFor();
    expect(await chooser.getByTestId('chooser-add').isDisabled()).toBe(true);
    await option('大盛り').click();
    expect(await chooser.getByTestId('chooser-add').isDisabled()).toBe(false);
    await chooser.getByTestId('chooser-add').click();
    await chooser.waitFor({ state: 'hidden' });
    // The same dish with other options is another line.
    await tteokbokki.locator('button').first().click();
    await option('控えめ').click();
    await chooser.getByTestId('chooser-add').click();
    await chooser.waitFor({ state: 'hidden' });
    await expect
      .poll(() => tablet.page.locator('[data-testid="cart-line"]', { hasText: 'トッポッキ' }).count())
      .toBe(2);
    await tablet.page.locator('[data-testid="cart-total"]', { hasText: '35,000' }).waitFor();

    await tablet.page.getByTestId('cart-order').click();
    const confirm = tablet.page.getByTestId('confirm-order');
    await confirm.getByTestId('order-note').fill('取り皿を2枚ください');
    await tablet.page.getByTestId('confirm-order-submit').click();
    await tablet.page.getByTestId('order-done').waitFor();

    // What the server took: options priced and snapshotted in Korean, notes kept.
    const res = await tablet.api('get', '/api/v1/admin/dashboard');
    const table = res.body.tables.find((t: { number: number }) => t.number === 6);
    const [order] = table.orders;
    expect(order.note).toBe('取り皿を2枚ください');
    expect(order.totalAmount).toBe(19_000 + 9_000 + 7_000);
    expect(
      order.items.map(
        (i: {
          name: string;
          unitPrice: number;
          quantity: number;
          options: Array<{ name: string }>;
          note: string | null;
        }) => [i.name, i.unitPrice, i.quantity, i.options.map((o) => o.name), i.note],
      ),
    ).toEqual([
      ['떡볶이', 9_500, 2, ['매운맛', '라면사리', '치즈'], 'ネギ抜きで'],
      ['잔치국수', 9_000, 1, ['곱빼기'], null],
      ['떡볶이', 7_000, 1, ['순한맛'], null],
    ]);

    // The dashboard shows the options and notes without a reload.
    const row = staff.locator(`[data-testid="table-card"][data-table-number="6"] [data-testid="order-row"]`);
    await row.filter({ hasText: '떡볶이(매운맛, 라면사리, 치즈) ×2 “ネギ抜きで”' }).waitFor();
    await row.getByTestId('order-note').filter({ hasText: '取り皿を2枚ください' }).waitFor();

    await row
      .first()
      .getByRole('button', { name: /자세히 보기/ })
      .click();
    const detail = staff.getByTestId('order-detail');
    await detail.getByTestId('order-item-options').filter({ hasText: '매운맛, 라면사리, 치즈' }).waitFor();
    await detail.getByTestId('order-item-note').filter({ hasText: 'ネギ抜きで' }).waitFor();
    await detail.getByTestId('order-detail-note').filter({ hasText: '取り皿を2枚ください' }).waitFor();
    await staff.waitForTimeout(300); // the dialog's opening transition, for the picture only
    await saveScreenshot(staff, 'admin-dashboard-options.png');
  });

  it('staff sell out an option from the option groups page and the open chooser follows', async () => {
    await tablet.setUp(7);
    await tablet.card('아메리카노').getByTestId('menu-add').click();
    const chooser = tablet.page.getByTestId('option-chooser');
    const iced = chooser.locator('[data-testid="chooser-option"]', { hasText: '차갑게' });
    await iced.waitFor();
    expect(await iced.isDisabled()).toBe(false);

    await staff.goto(`${e2e().baseUrl}/admin/option-groups`);
    const card = staff.locator('[data-testid="option-group-card"][data-group-name="온도"]');
    await card
      .locator('[data-testid="option-row"]', { hasText: '차갑게' })
      .getByTestId('option-available')
      .click({ force: true });
    await expect
      .poll(async () => (await optionGroup('온도')).options.find((o) => o.name === '차갑게')?.isAvailable)
      .toBe(false);

    // menu.updated reaches the tablet: the option turns sold out in the open chooser.
    await expect.poll(() => iced.getAttribute('data-sold-out'), { timeout: 10_000 }).toBe('true');
    await staff.close();
  });
});
