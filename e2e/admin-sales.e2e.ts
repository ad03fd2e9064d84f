import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../server/db/client.js';
import { DEMO, type E2E, fillStaffSignIn, saveScreenshot, screenshotFailures, startE2E } from './harness.js';

let e2e: E2E;
let page: Page;

const DAY_MS = 86_400_000;
const seoulDate = (at: Date) => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
const won = (amount: number) => `${amount.toLocaleString('ko-KR')}원`;

interface Seeded {
  date: string;
  amount: number;
}

/**
 * Two weeks of closed visits in the demo store, written as ordering and closing leave them (one
 * order per visit, 1–3 dishes, paid by card, cash or transfer), so the charts have something to
 * draw. Returns each order's Seoul date and total, to check the page against.
 */
async function seedTwoWeeks(): Promise<Seeded[]> {
  const db = e2e.server.app.db;
  const [store] = rowsOf<{ id: string; last: number }>(
    await db.execute(sql`select id, last_order_no as last from stores where code = ${DEMO.store}`),
  );
  if (!store) throw new Error('no demo store');
  const dishes = rowsOf<{ id: string; name: string; price: number }>(
    await db.execute(sql`select id, name, price from menus where store_id = ${store.id} order by sort_order, name`),
  );
  const tables = rowsOf<{ id: string; number: number }>(
    await db.execute(sql`select id, number from tables where store_id = ${store.id} order by number`),
  );
  const seeded: Seeded[] = [];
  let orderNo = store.last;
  const today = seoulDate(new Date());
  for (let back = 13; back >= 1; back--) {
    const date = seoulDate(new Date(Date.parse(`${today}T12:00:00+09:00`) - back * DAY_MS));
    // Busier at weekends, a little every day.
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const visits = 6 + ((back * 5) % 7) + (weekday === 5 || weekday === 6 ? 6 : 0);
    for (let v = 0; v < visits; v++) {
      // Lunch and dinner peaks, Seoul time.
      const hour = [11, 12, 12, 13, 17, 18, 18, 19, 19, 20, 21][(v * 7 + back) % 11] as number;
      const at = new Date(
        `${date}T${String(hour).padStart(2, '0')}:${String((v * 13) % 60).padStart(2, '0')}:00+09:00`,
      );
      const table = tables[(v + back) % tables.length] as { id: string; number: number };
      const lines = Array.from({ length: 1 + ((v + back) % 3) }, (_, i) => {
        const dish = dishes[(v * 3 + back + i * 5) % dishes.length] as { id: string; name: string; price: number };
        return { dish, quantity: 1 + ((v + i) % 2) };
      });
      const amount = lines.reduce((sum, line) => sum + line.dish.price * line.quantity, 0);
      orderNo += 1;
      await db.transaction(async (tx) => {
        const [session] = rowsOf<{ id: string }>(
          await tx.execute(sql`
            insert into table_sessions (store_id, table_id, opened_at, last_order_at, closed_at, close_reason, guests)
            values (${store.id}, ${table.id}, ${at.toISOString()}, ${at.toISOString()},
                    ${new Date(at.getTime() + 3_600_000).toISOString()}, 'staff', ${2 + (v % 3)})
            returning id`),
        );
        const [order] = rowsOf<{ id: string }>(
          await tx.execute(sql`
            insert into orders (store_id, table_id, table_number, session_id, order_no, status, total_amount,
                                created_at, updated_at, archived_at)
            values (${store.id}, ${table.id}, ${table.number}, ${session?.id}, ${orderNo}, 'completed', ${amount},
                    ${at.toISOString()}, ${at.toISOString()}, ${new Date(at.getTime() + 3_600_000).toISOString()})
            returning id`),
        );
        for (const [i, line] of lines.entries()) {
          await tx.execute(sql`
            insert into order_items (order_id, line_no, menu_id, name, unit_price, quantity, subtotal)
            values (${order?.id}, ${i + 1}, ${line.dish.id}, ${line.dish.name}, ${line.dish.price}, ${line.quantity},
                    ${line.dish.price * line.quantity})`);
        }
        await tx.execute(sql`
          insert into payments (store_id, session_id, method, amount, created_at)
          values (${store.id}, ${session?.id}, ${(['card', 'card', 'cash', 'transfer'] as const)[v % 4]}, ${amount},
                  ${new Date(at.getTime() + 3_000_000).toISOString()})`);
      });
      seeded.push({ date, amount });
    }
  }
  await db.execute(sql`update stores set last_order_no = ${orderNo} where id = ${store.id}`);
  return seeded;
}

let seeded: Seeded[] = [];
let todayTotal = 0;

beforeAll(async () => {
  e2e = await startE2E();
  seeded = await seedTwoWeeks();
  // Today's orders, placed through the API like a tablet: 2 × the first dish, 1 × the second.
  const token = await e2e.tableToken(3);
  const menu = await e2e.server.api.get('/api/v1/table/menu', { token });
  const [first, second] = menu.body.categories.flatMap((c: { menus: Array<{ id: string; price: number }> }) => c.menus);
  const placed = await e2e.server.api.post(
    '/api/v1/table/orders',
    {
      items: [
        { menuId: first.id, quantity: 2 },
        { menuId: second.id, quantity: 1 },
      ],
    },
    { token, headers: { 'idempotency-key': 'e2e-sales-today-1' } },
  );
  expect(placed.status).toBe(201);
  todayTotal = placed.body.totalAmount;
  ({ page } = await e2e.newPage({ viewport: { width: 1440, height: 1300 } }));
  await page.goto(`${e2e.baseUrl}/admin/sales`);
  await fillStaffSignIn(page);
});

screenshotFailures(() => page);

afterAll(async () => {
  await e2e?.close();
});

describe('매출 (owner)', () => {
  it("opens from the navigation on today's figures", async () => {
    await page.waitForURL(/\/admin\/sales$/);
    await page.getByRole('heading', { name: '매출', exact: true }).waitFor();
    await page.getByTestId('sales-total').getByText(won(todayTotal)).waitFor();
    expect(await page.getByTestId('sales-orders').textContent()).toContain('1건');
    await page.getByRole('link', { name: '실시간 현황' }).click();
    await page.getByRole('link', { name: '매출' }).click();
    await page.getByTestId('sales-total').getByText(won(todayTotal)).waitFor();
    expect(await page.getByRole('radio', { name: '오늘' }).isChecked()).toBe(true);
  });

  it('shows the last two weeks: totals, a bar per day, the hours, the best sellers and the payments', async () => {
    const today = seoulDate(new Date());
    const from = seoulDate(new Date(Date.parse(`${today}T12:00:00+09:00`) - 13 * DAY_MS));
    await page.getByText('직접 선택').click();
    await page.getByLabel('시작일').fill(from);
    await page.getByLabel('종료일').fill(today);
    const expected = seeded.filter((s) => s.date >= from).reduce((sum, s) => sum + s.amount, 0) + todayTotal;
    await page.getByTestId('sales-total').getByText(won(expected)).waitFor();
    expect(await page.getByTestId('sales-orders').textContent()).toContain(`${seeded.length + 1}건`);
    // 14 bars, and the same 14 days as a table for screen readers and exact figures.
    expect(await page.getByTestId('sales-daily').locator('.recharts-bar-rectangle').count()).toBe(14);
    await page.getByTestId('sales-daily').getByRole('button', { name: '표로 보기' }).click();
    const rows = page.getByTestId('sales-daily-table').locator('tbody tr');
    expect(await rows.count()).toBe(14);
    expect(await page.getByTestId('sales-daily').getByRole('img').getAttribute('aria-label')).toContain('14일 동안');
    await page.getByTestId('sales-daily').getByRole('button', { name: '표 닫기' }).click();
    expect(await page.getByTestId('top-menu-row').count()).toBe(10);
    expect(await page.getByTestId('payment-row').count()).toBe(3);
    expect(await page.getByTestId('sales-payments').textContent()).toContain(
      won(seeded.filter((s) => s.date >= from).reduce((sum, s) => sum + s.amount, 0)),
    );
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'admin-sales.png');
  });

  it('exports the period to Excel as a CSV with the Korean header, fetched with the token', async () => {
    const requests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('sales.csv')) requests.push(request.url());
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Excel로 내보내기' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sales-demo-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('주문일시,테이블,주문번호,메뉴,옵션,요청사항,수량,취소수량,단가,금액,주문경로');
    // No token in any URL the page asked for.
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) expect(url).not.toMatch(/token|eyJ/);
  });

  it('fits a phone: no sideways scrolling, the export in reach', async () => {
    const { page: phone } = await e2e.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${e2e.baseUrl}/admin/sales`);
    await fillStaffSignIn(phone);
    await phone.getByTestId('sales-total').waitFor();
    await phone.getByTestId('sales-daily').locator('.recharts-bar-rectangle').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const exportButton = await phone.getByRole('button', { name: 'Excel로 내보내기' }).boundingBox();
    expect(exportButton && exportButton.x + exportButton.width).toBeLessThanOrEqual(390);
  });

  it('is not offered to a manager', async () => {
    const owner = await e2e.staffToken();
    const created = await e2e.server.api.post(
      '/api/v1/admin/users',
      { username: 'floor-lead', password: 'manager-pass-1', role: 'manager' },
      { token: owner },
    );
    expect(created.status).toBe(201);
    const { page: manager } = await e2e.newPage({ viewport: { width: 1440, height: 900 } });
    await manager.goto(`${e2e.baseUrl}/admin/sales`);
    await fillStaffSignIn(manager, 'floor-lead', 'manager-pass-1');
    await manager.waitForURL(/\/admin\/?$/);
    await manager.getByRole('link', { name: '메뉴' }).waitFor();
    expect(await manager.getByRole('link', { name: '매출' }).count()).toBe(0);
  });
});

describe('매출 비교 (super-admin)', () => {
  it("lists the demo store's orders and sales for the day", async () => {
    const { page: root } = await e2e.newPage({ viewport: { width: 1440, height: 900 } });
    await root.goto(`${e2e.baseUrl}/superadmin`);
    await root.getByLabel('아이디').fill(DEMO.superadmin.username);
    await root.getByLabel('비밀번호').fill(DEMO.superadmin.password);
    await root.getByRole('button', { name: '로그인' }).click();
    await root.getByRole('link', { name: '매출 비교' }).click();
    const row = root.locator('[data-testid="store-sales-row"][data-store-code="demo"]');
    // Today's one order: its total is both the sales and the average.
    await row.getByText(won(todayTotal)).first().waitFor();
    expect(await row.textContent()).toContain('Asia/Seoul');
    await root.getByText('어제').click();
    expect(await root.getByRole('radio', { name: '어제' }).isChecked()).toBe(true);
    // Yesterday holds seeded visits (at least six), not today's one order.
    await root.waitForFunction(() => {
      const cell = document.querySelector('[data-testid="store-sales-row"][data-store-code="demo"] td:nth-child(4)');
      return Number(cell?.textContent?.replaceAll(',', '')) > 1;
    });
    await root.getByTestId('stores-sales-total').waitFor();
    await saveScreenshot(root, 'superadmin-sales.png');
  });
});
