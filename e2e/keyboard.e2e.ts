import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tabletDriver } from './customer-tablet.js';
import { type E2E, screenshotFailures, startE2E } from './harness.js';

/**
 * A guest who cannot use the touch screen: a keyboard (or a switch device that sends Tab, Enter
 * and Space) orders a dish with two options and calls staff on the tablet. No mouse, no taps, no
 * `click()`.
 */
let e2e: E2E;
const tablet = tabletDriver(() => e2e);
screenshotFailures(() => tablet.page);

beforeAll(async () => {
  e2e = await startE2E();
  await tablet.signInOwner();
});
afterAll(async () => {
  await tablet.close();
  await e2e?.close();
});

interface Focused {
  testId: string | null;
  name: string;
  /** A focus indicator: an outline or a ring drawn with box-shadow. */
  visible: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { testId: null, name: 'body', visible: true };
    // A chip or a checkbox hides its input and draws the focus on its label.
    const drawn = el instanceof HTMLInputElement && el.labels?.[0] ? el.labels[0] : el;
    const style = getComputedStyle(drawn);
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1;
    const ring = style.boxShadow !== 'none';
    const holder = el.closest('[data-testid]');
    return {
      testId: el.getAttribute('data-testid') ?? holder?.getAttribute('data-testid') ?? null,
      name: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40),
      visible: outline || ring,
    };
  });
}

/** Presses Tab until the focused element matches `selector`; returns every stop on the way. */
async function tabTo(page: Page, selector: string, max = 80): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return stops;
  }
  throw new Error(`${selector} not reached with ${max} Tabs; went through ${stops.map((s) => s.name).join(' → ')}`);
}

describe('keyboard only', () => {
  it('orders a dish with options and calls staff on the tablet with Tab, Enter and Space, focus always visible', async () => {
    await tablet.setUp(4);
    const page = tablet.page;
    const stops: Focused[] = [];

    // From the top of the page: the header, then the categories, then the first dish.
    stops.push(...(await tabTo(page, '[data-testid="menu-card"] button')));
    const order = stops.map((s) => s.testId);
    expect(order.indexOf('language-switch')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('category-rail')).toBeGreaterThan(order.indexOf('language-switch'));
    const dish = await page.evaluate(() =>
      document.activeElement?.closest('[data-testid="menu-card"]')?.getAttribute('aria-label'),
    );
    expect(dish).toBeTruthy();

    // Enter opens the dish's option chooser; focus moves into the dialog and stays there.
    await page.keyboard.press('Enter');
    await page.getByTestId('chooser-add').waitFor();
    // Space picks an option in the first group (맵기), then one in the next group (사리 추가).
    stops.push(...(await tabTo(page, '[role="dialog"] [data-testid="chooser-option"]', 20)));
    await page.keyboard.press('Space');
    const groupOf = () =>
      page.evaluate(() =>
        document.activeElement?.closest('[data-testid="chooser-group"]')?.getAttribute('data-group-id'),
      );
    const firstGroup = await groupOf();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-checked'))).toBe('true');
    for (let i = 0; i < 12 && (await groupOf()) === firstGroup; i++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    expect(await groupOf()).toBeTruthy();
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-checked'))).toBe('true');
    stops.push(...(await tabTo(page, '[data-testid="chooser-add"]', 20)));
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('chooser-add').waitFor({ state: 'detached' });
    // The dialog gives focus back to the dish it was opened from.
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-testid="menu-card"]')?.getAttribute('aria-label'),
      ),
    ).toBe(dish);
    await tablet.cartLine(dish as string).waitFor();

    // On to the cart's order button, confirm with the keyboard.
    stops.push(...(await tabTo(page, '[data-testid="cart-order"]')));
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-order-submit').waitFor();
    stops.push(...(await tabTo(page, '[data-testid="confirm-order-submit"]', 12)));
    await page.keyboard.press('Enter');
    await page.getByTestId('order-done').waitFor();
    // The confirmation holds focus on its own button; Enter goes back to the menu.
    expect((await focused(page)).testId).toBe('order-done-close');
    await page.keyboard.press('Enter');
    await page.getByTestId('order-done').waitFor({ state: 'detached' });
    const orders = await tablet.serverOrders(4);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.status).toBe('pending');
    // Both options chosen by keyboard reached the kitchen.
    const placed = (await tablet.api('get', '/api/v1/admin/dashboard')).body.tables.find(
      (t: { number: number }) => t.number === 4,
    ).orders[0] as { items: Array<{ options: unknown[] }> };
    expect(placed.items[0]?.options).toHaveLength(2);

    // Staff call: to the button, open, pick the first reason with Space, send.
    await page.keyboard.press('Shift+Tab');
    stops.push(...(await tabTo(page, '[data-testid="call-button"]')));
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog');
    await sheet.waitFor();
    const reasonName = (await sheet.locator('.mantine-Chip-label').first().textContent())?.trim();
    expect(reasonName).toBeTruthy();
    stops.push(...(await tabTo(page, '[role="dialog"] input[type="checkbox"]', 12)));
    await page.keyboard.press('Space');
    stops.push(...(await tabTo(page, '[data-testid="call-send"]', 12)));
    await page.keyboard.press('Enter');
    await sheet.waitFor({ state: 'detached' });
    // The staff see the call with the reason picked by keyboard.
    await expect
      .poll(async () => {
        const res = await tablet.api('get', '/api/v1/admin/calls');
        return JSON.stringify(res.body);
      })
      .toContain(reasonName ?? '');
    // The call's status is announced (a live region), and focus is back on the call button.
    expect((await focused(page)).testId).toBe('call-button');
    await page.locator('[role="status"], [aria-live]').filter({ hasText: /직원/ }).first().waitFor();

    // The kitchen starts the order: the tablet announces it without anyone looking or tabbing.
    const orderId = orders[0]?.id ?? '';
    expect((await tablet.api('patch', `/api/v1/admin/orders/${orderId}`, { status: 'preparing' })).status).toBe(200);
    await page
      .getByTestId('order-status-live')
      .filter({ hasText: `주문 ${orders[0]?.orderNo}번: 준비중` })
      .waitFor();

    const invisible = stops.filter((s) => s.testId !== null && !s.visible);
    expect(invisible.map((s) => s.name)).toEqual([]);
  });
});
