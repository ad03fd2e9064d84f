import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { menuOptionGroups, optionGroups, options, printJobs, stores } from '../server/db/schema/index.js';
import { systemClock } from '../server/lib/clock.js';
import { PROJECT_ROOT } from '../server/lib/paths.js';
import { startTestApp, type TestApp } from '../test/app.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { factories } from '../test/factories.js';
import { startFakePrinter } from '../test/fake-printer.js';
import { createPrintAgent, type PrintAgent } from './agent.js';
import type { AgentConfig } from './config.js';
import { drawPrintout, readEscPos } from './render.js';

/**
 * The print agent against the real server and fake network printers (TCP listeners recording
 * bytes), with real time: tickets are read back from the bytes the printers got, decoded from CP949.
 */

let database: TestDatabase;
let t: TestApp<typeof systemClock>;
let f: ReturnType<typeof factories>;
let dir: string;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  t = await startTestApp({ database, clock: systemClock });
  f = factories(t.app);
  dir = await mkdtemp(path.join(tmpdir(), 'print-agent-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await t.close();
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

let n = 0;

/** A store with 주방 and 음료, each with its own fake printer, a kitchen account and the usual menu. */
async function kitchenWorld() {
  const w = await f.world({ tables: 2 });
  const kitchenPrinter = await startFakePrinter();
  const barPrinter = await startFakePrinter();
  cleanups.push(
    () => kitchenPrinter.close(),
    () => barPrinter.close(),
  );
  const token = w.owner.token;
  await t.api.patch(
    `/api/v1/admin/stations/${w.store.stationId}`,
    { printer: { host: '127.0.0.1', port: kitchenPrinter.port } },
    { token },
  );
  const bar = await t.api.post(
    '/api/v1/admin/stations',
    { name: '음료', printer: { host: '127.0.0.1', port: barPrinter.port } },
    { token },
  );
  const drinks = await t.api.post('/api/v1/admin/categories', { name: '음료', stationId: bar.body.id }, { token });
  const cola = await f.menu(w.store.id, drinks.body.id, { name: '콜라', price: 2_000 });
  const kitchen = await f.admin(w.store.id, { role: 'kitchen', password: 'kitchen-pass-1' });
  const config: AgentConfig = {
    url: t.url,
    storeCode: w.store.code,
    username: kitchen.username,
    password: 'kitchen-pass-1',
    stateFile: path.join(dir, `agent-${++n}.json`),
    columns: 42,
    reportEveryMs: 300,
    pollEveryMs: 1_000,
    leaseSeconds: 5,
    retryMinMs: 200,
    retryMaxMs: 1_000,
  };
  return { ...w, barId: bar.body.id as string, cola, kitchen, kitchenPrinter, barPrinter, config };
}

function startAgent(config: AgentConfig, hooks: Parameters<typeof createPrintAgent>[1] = {}): Promise<PrintAgent> {
  const agent = createPrintAgent(config, hooks);
  cleanups.push(() => agent.stop());
  return agent.start().then(() => agent);
}

type Line = { menuId: string; quantity?: number; optionIds?: string[]; note?: string };
const order = (w: Awaited<ReturnType<typeof kitchenWorld>>, table: { id: string }, items: Line[], note?: string) =>
  t.app.services.orders
    .create({
      storeId: w.store.id,
      tableId: table.id,
      source: 'table',
      items: items.map((item) => ({ ...item, quantity: item.quantity ?? 1 })),
      note,
    })
    .then((r) => r.order);

/** The text a printed ticket shows, one string per line. */
const textOf = (bytes: Buffer) => readEscPos(bytes).lines.map((line) => line.text);
/** The order number a ticket carries. */
const orderNoOf = (bytes: Buffer) => Number(/주문 #(\d+)/.exec(textOf(bytes).join('\n'))?.[1]);

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'a condition') {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await settle(100);
  }
}

describe('the print agent', () => {
  it('prints a ticket in CP949 with the table, order, lines, options, notes, and a cut', async () => {
    const w = await kitchenWorld();
    // 맵기: 매운맛, straight in the database (options are another screen's business).
    const [group] = await t.app.db
      .insert(optionGroups)
      .values({ storeId: w.store.id, name: '맵기', minSelect: 0, maxSelect: 1 })
      .returning();
    const [hot] = await t.app.db
      .insert(options)
      .values({ storeId: w.store.id, groupId: group?.id as string, name: '매운맛', price: 0 })
      .returning();
    await t.app.db.insert(menuOptionGroups).values({ menuId: w.kimchi.id, groupId: group?.id as string });
    await t.app.db
      .update(stores)
      .set({ menuVersion: sql`${stores.menuVersion} + 1` })
      .where(eq(stores.id, w.store.id));

    await startAgent(w.config);
    const placed = await order(
      w,
      w.table1,
      [
        { menuId: w.kimchi.id, quantity: 2, optionIds: [hot?.id as string], note: '덜 짜게' },
        { menuId: w.bulgogi.id, quantity: 1 },
      ],
      '아이 있어요',
    );
    const [bytes] = await w.kitchenPrinter.waitForJobs(1);
    if (!bytes) throw new Error('no ticket');
    const printout = readEscPos(bytes);
    const picture = drawPrintout(printout);
    console.log(`What the kitchen printer got:\n${picture}`);

    expect(printout.unknown).toEqual([]);
    // Korean went out as CP949 (not UTF-8), with the printer set to Korean double-byte mode first.
    expect(bytes.includes(iconv.encode('김치찌개', 'cp949'))).toBe(true);
    expect(bytes.includes(Buffer.from('김치찌개', 'utf8'))).toBe(false);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x1b, 0x40, 0x1b, 0x52, 13, 0x1c, 0x26, 0x1b]));
    // The paper is cut at the end: GS V 66 0.
    expect(bytes.subarray(-4)).toEqual(Buffer.from([0x1d, 0x56, 66, 0]));
    expect(printout.cuts).toEqual([printout.lines.length]);

    const text = textOf(bytes);
    expect(text[0]).toBe('[주방]');
    expect(text[1]).toBe(w.store.name);
    expect(text).toContain('테이블 1');
    expect(text.find((line) => line.startsWith('주문 #'))).toMatch(
      new RegExp(`^주문 #${placed.orderNo} +\\d\\d\\. \\d\\d\\. \\d\\d:\\d\\d$`),
    );
    const kimchiLine = text.findIndex((line) => line.startsWith('김치찌개'));
    expect(text[kimchiLine]).toMatch(/^김치찌개 +2$/);
    expect(text[kimchiLine + 1]).toBe('  + 매운맛');
    expect(text[kimchiLine + 2]).toBe('  * 덜 짜게');
    expect(text.some((line) => /^불고기 +1$/.test(line))).toBe(true);
    expect(text).toContain('요청: 아이 있어요');
    // Line items are printed double height, the table number double size.
    const lines = printout.lines;
    expect(lines[kimchiLine]).toMatchObject({ height: 2, bold: true });
    expect(lines.find((line) => line.text === '테이블 1')).toMatchObject({ width: 2, height: 2 });
    expect(text.every((line) => line.length <= 42)).toBe(true);
  });

  it('prints one ticket per station, each with only its own lines', async () => {
    const w = await kitchenWorld();
    await startAgent(w.config);
    const placed = performance.now();
    await order(w, w.table2, [{ menuId: w.kimchi.id }, { menuId: w.cola.id, quantity: 3 }]);
    const [kitchen] = await w.kitchenPrinter.waitForJobs(1);
    const [bar] = await w.barPrinter.waitForJobs(1);
    console.log(`order to both tickets printed: ${Math.round(performance.now() - placed)} ms`);
    const kitchenText = textOf(kitchen as Buffer);
    const barText = textOf(bar as Buffer);
    expect(kitchenText[0]).toBe('[주방]');
    expect(barText[0]).toBe('[음료]');
    expect(kitchenText.some((line) => line.startsWith('김치찌개'))).toBe(true);
    expect(kitchenText.some((line) => line.startsWith('콜라'))).toBe(false);
    expect(barText.some((line) => /^콜라 +3$/.test(line))).toBe(true);
    expect(barText.some((line) => line.startsWith('김치찌개'))).toBe(false);
    await settle(1_500);
    expect([w.kitchenPrinter.jobs.length, w.barPrinter.jobs.length]).toEqual([1, 1]);
  });

  it('starts at the head: tickets queued before its first start are not its to print', async () => {
    const w = await kitchenWorld();
    await order(w, w.table1, [{ menuId: w.kimchi.id }]);
    await startAgent(w.config);
    const placed = await order(w, w.table1, [{ menuId: w.bulgogi.id }]);
    await w.kitchenPrinter.waitForJobs(1);
    await settle(1_500);
    expect(w.kitchenPrinter.jobs.map(orderNoOf)).toEqual([placed.orderNo]);
  });

  it('a reprint from the kitchen prints the ticket again, marked 재출력', async () => {
    const w = await kitchenWorld();
    await startAgent(w.config);
    const placed = await order(w, w.table1, [{ menuId: w.kimchi.id }, { menuId: w.cola.id }]);
    await w.barPrinter.waitForJobs(1);
    const res = await t.api.post(
      `/api/v1/admin/orders/${placed.id}/print`,
      { stationId: w.barId },
      { token: w.kitchen.token },
    );
    expect(res.body).toEqual({ queued: 1 });
    const [, again] = await w.barPrinter.waitForJobs(2);
    expect(textOf(again as Buffer)[0]).toBe('[음료] 재출력');
    await settle(1_000);
    expect(w.kitchenPrinter.jobs).toHaveLength(1);
  });

  it('killed after printing and before telling the server, prints nothing twice when restarted', async () => {
    const w = await kitchenWorld();
    let agent: PrintAgent | null = null;
    const first = createPrintAgent(w.config, {
      hooks: {
        afterPrint: () => {
          // The plug is pulled the moment the printer took the ticket.
          agent?.kill();
        },
      },
    });
    agent = first;
    await first.start();
    const placed = await order(w, w.table1, [{ menuId: w.kimchi.id }]);
    await w.kitchenPrinter.waitForJobs(1);
    await settle(300);
    const saved = JSON.parse(await readFile(w.config.stateFile, 'utf8'));
    expect(saved.printed).toHaveLength(1);

    await startAgent(w.config);
    await waitUntil(
      async () => {
        const state = JSON.parse(await readFile(w.config.stateFile, 'utf8'));
        return state.printed.length === 0;
      },
      15_000,
      'the printed ticket to be acknowledged',
    );
    await settle(1_500);
    expect(w.kitchenPrinter.jobs.map(orderNoOf)).toEqual([placed.orderNo]);
  });

  it('printer down for 10 s: shows offline, then prints every waiting ticket in order, once', async () => {
    const w = await kitchenWorld();
    await startAgent(w.config);
    const before = await order(w, w.table1, [{ menuId: w.kimchi.id }]);
    await w.kitchenPrinter.waitForJobs(1);
    await w.kitchenPrinter.down();
    const waiting = [];
    for (const table of [w.table1, w.table2, w.table1]) waiting.push(await order(w, table, [{ menuId: w.bulgogi.id }]));
    // The bar's printer is not held up by the kitchen's.
    const drink = await order(w, w.table2, [{ menuId: w.cola.id }]);
    await w.barPrinter.waitForJobs(1);
    expect(orderNoOf(w.barPrinter.jobs[0] as Buffer)).toBe(drink.orderNo);

    const stationState = async () =>
      (await t.api.get('/api/v1/admin/stations', { token: w.kitchen.token })).body.stations.find(
        (s: { id: string }) => s.id === w.store.stationId,
      ).printerStatus;
    await waitUntil(async () => (await stationState()).online === false, 5_000, 'the printer to show offline');
    expect((await stationState()).error).toEqual(expect.any(String));
    await settle(10_000);
    expect(w.kitchenPrinter.jobs).toHaveLength(1);

    await w.kitchenPrinter.up();
    const back = performance.now();
    await w.kitchenPrinter.waitForJobs(4, 20_000);
    console.log(`printer back: 3 waiting tickets printed ${Math.round(performance.now() - back)} ms later`);
    await settle(1_500);
    expect(w.kitchenPrinter.jobs.map(orderNoOf)).toEqual([before.orderNo, ...waiting.map((o) => o.orderNo)]);
    await waitUntil(async () => (await stationState()).online === true, 5_000, 'the printer to show online');
  }, 60_000);

  it('resumes after the server restarts: the stream comes back and new tickets print', async () => {
    const serverDb = await createTestDatabase();
    let server = await startTestApp({ database: serverDb, clock: systemClock });
    const port = Number(new URL(server.url).port);
    const saved = { t, f };
    try {
      t = server;
      f = factories(server.app);
      const w = await kitchenWorld();
      await startAgent(w.config);
      const first = await order(w, w.table1, [{ menuId: w.kimchi.id }]);
      await w.kitchenPrinter.waitForJobs(1);

      await server.close();
      await settle(500);
      server = await startTestApp({ database: serverDb, clock: systemClock, port });
      t = server;
      const restarted = performance.now();
      const second = await order(w, w.table1, [{ menuId: w.bulgogi.id }]);
      const third = await order(w, w.table2, [{ menuId: w.kimchi.id, quantity: 2 }]);
      await w.kitchenPrinter.waitForJobs(3, 20_000);
      console.log(
        `server back: both new tickets printed ${Math.round(performance.now() - restarted)} ms after it listened`,
      );
      await settle(1_500);
      expect(w.kitchenPrinter.jobs.map(orderNoOf)).toEqual([first.orderNo, second.orderNo, third.orderNo]);
    } finally {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      await server.close();
      await serverDb.close();
      ({ t, f } = saved);
    }
  }, 60_000);
});

describe('npm run print-agent', () => {
  function spawnAgent(config: AgentConfig): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'print-agent/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        TABLEORDER_URL: config.url,
        PRINT_AGENT_STORE: config.storeCode,
        PRINT_AGENT_USERNAME: config.username,
        PRINT_AGENT_PASSWORD: config.password,
        PRINT_AGENT_STATE_FILE: config.stateFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.resume();
    child.stderr?.resume();
    cleanups.push(() => child.kill('SIGKILL'));
    return child;
  }

  it('killed (SIGKILL) and restarted between orders prints exactly the missed tickets, none twice', async () => {
    const w = await kitchenWorld();
    const first = spawnAgent(w.config);
    await waitUntil(
      async () => (await readFile(w.config.stateFile, 'utf8').catch(() => '')) !== '',
      20_000,
      'the agent to start',
    );
    const a = await order(w, w.table1, [{ menuId: w.kimchi.id }]);
    await w.kitchenPrinter.waitForJobs(1, 20_000);
    // Between orders: the agent is done with the first one (the server heard it was printed).
    await waitUntil(
      async () => {
        const jobs = await t.app.db.select().from(printJobs).where(eq(printJobs.orderId, a.id));
        return jobs.every((job) => job.printedAt !== null);
      },
      10_000,
      'the first ticket to be acknowledged',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));

    const missed = [];
    for (const table of [w.table2, w.table1]) missed.push(await order(w, table, [{ menuId: w.bulgogi.id }]));
    await settle(500);
    expect(w.kitchenPrinter.jobs).toHaveLength(1);

    spawnAgent(w.config);
    await w.kitchenPrinter.waitForJobs(3, 20_000);
    const c = await order(w, w.table2, [{ menuId: w.kimchi.id }]);
    await w.kitchenPrinter.waitForJobs(4, 20_000);
    await settle(1_500);
    expect(w.kitchenPrinter.jobs.map(orderNoOf)).toEqual([a.orderNo, ...missed.map((o) => o.orderNo), c.orderNo]);
  }, 60_000);

  it('refuses to start without its settings, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'print-agent/main.ts'], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, TABLEORDER_URL: 'http://127.0.0.1:1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('PRINT_AGENT_STORE');
  });
});
