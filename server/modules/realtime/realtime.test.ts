import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../contract/events.js';
import type { Order } from '../../../contract/orders.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { connectSse, ids, type SseClient } from '../../../test/sse.js';
import { createMemoryBus, type EventBus } from './realtime.bus.js';
import type { StoredEvent } from './realtime.event-log.js';
import { pruneEventLog } from './realtime.service.js';

type World = Awaited<ReturnType<ReturnType<typeof factories>['world']>>;

const ADMIN_STREAM = '/api/v1/admin/stream';
const TABLE_STREAM = '/api/v1/table/stream';

function fakeOrder(table: { id: string; number: number }): Order {
  return {
    id: randomUUID(),
    orderNo: 1,
    tableId: table.id,
    tableNumber: table.number,
    sessionId: randomUUID(),
    status: 'pending',
    totalAmount: 9_000,
    createdAt: new Date().toISOString(),
    items: [
      {
        id: randomUUID(),
        menuId: randomUUID(),
        name: '김치찌개',
        unitPrice: 9_000,
        quantity: 1,
        voidedQuantity: 0,
        subtotal: 9_000,
        options: [],
        note: null,
        stationId: null,
        doneAt: null,
      },
    ],
    note: null,
    source: 'table',
  };
}

/** Commits events the way services do: in one transaction, published after the commit. */
async function emit(t: TestApp, storeId: string, ...list: DomainEvent[]): Promise<void> {
  await t.app.events.transaction(storeId, async (_tx, emitEvent) => {
    for (const event of list) emitEvent(event);
  });
}

const menuUpdated: DomainEvent = { type: 'menu.updated', data: {} };
const orderCreated = (table: { id: string; number: number }): DomainEvent => ({
  type: 'order.created',
  tableId: table.id,
  data: { order: fakeOrder(table) },
});

const open = (t: TestApp, path: string, token: string, lastEventId?: string) =>
  connectSse(`${t.url}${path}`, { token, ...(lastEventId === undefined ? {} : { lastEventId }) });

describe('event streams', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  const streams: SseClient[] = [];
  const track = async (client: Promise<SseClient>) => {
    const c = await client;
    streams.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.app);
    w = await f.world({ tables: 2 });
    other = await f.world({ tables: 1 });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.close();
  });

  it('answers 401 without a valid token and 403 to the wrong kind of principal', async () => {
    const root = await factories(t.app).superadmin();
    for (const path of [ADMIN_STREAM, TABLE_STREAM]) {
      const none = await connectSse(`${t.url}${path}`);
      expect(none.status).toBe(401);
      expect(none.error.error.code).toBe('UNAUTHORIZED');
      const bad = await connectSse(`${t.url}${path}`, { token: 'not-a-jwt' });
      expect(bad.status).toBe(401);
    }
    const tableOnAdmin = await open(t, ADMIN_STREAM, w.table1.token);
    expect(tableOnAdmin.status).toBe(403);
    expect(tableOnAdmin.error.error.code).toBe('FORBIDDEN');
    expect((await open(t, TABLE_STREAM, w.owner.token)).status).toBe(403);
    expect((await open(t, ADMIN_STREAM, root.token)).status).toBe(403);
  });

  it('documents both streams in the OpenAPI description', async () => {
    const doc = await t.api.get('/api/docs/json');
    for (const path of [ADMIN_STREAM, TABLE_STREAM]) {
      const get = doc.body.paths[path]?.get;
      expect(get?.tags).toEqual(['realtime']);
      expect(get?.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'last-event-id' })]),
      );
    }
  });

  it('streams every event of the store to staff with the SSE headers, and nothing of other stores', async () => {
    const admin = await track(open(t, ADMIN_STREAM, w.manager.token));
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(admin.headers.get('cache-control')).toBe('no-cache');
    expect(admin.headers.get('x-accel-buffering')).toBe('no');
    expect(admin.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const head = await t.app.events.latestSeq(w.store.id);
    await emit(t, other.store.id, orderCreated(other.table1), menuUpdated);
    const order = orderCreated(w.table1);
    await emit(t, w.store.id, order);
    await emit(t, w.store.id, {
      type: 'order.deleted',
      tableId: w.table2.id,
      data: { orderId: randomUUID(), tableId: w.table2.id },
    });
    await emit(t, w.store.id, menuUpdated);

    const got = await admin.waitFor(3);
    expect(got.map((m) => [Number(m.id), m.type])).toEqual([
      [head + 1, 'order.created'],
      [head + 2, 'order.deleted'],
      [head + 3, 'menu.updated'],
    ]);
    expect(got[0]!.data).toEqual(order.data);
    admin.close();
  });

  it('gives a table only its own order and session events and menu changes, never table.updated', async () => {
    const [one, two] = [w.table1, w.table2];
    const admin = await track(open(t, ADMIN_STREAM, w.owner.token));
    const tableOne = await track(open(t, TABLE_STREAM, one.token));
    const tableTwo = await track(open(t, TABLE_STREAM, two.token));
    const head = await t.app.events.latestSeq(w.store.id);

    await emit(t, w.store.id, orderCreated(one));
    await emit(t, w.store.id, orderCreated(two));
    await emit(t, w.store.id, {
      type: 'table.updated',
      tableId: one.id,
      data: { table: { id: one.id, number: one.number, sessionId: null, sessionStartedAt: null, guests: null } },
    });
    await emit(t, w.store.id, { type: 'order.updated', tableId: one.id, data: { order: fakeOrder(one) } });
    await emit(t, w.store.id, {
      type: 'session.ended',
      tableId: two.id,
      data: { tableId: two.id, sessionId: randomUUID() },
    });
    await emit(t, w.store.id, menuUpdated);

    await admin.waitFor(6);
    await tableOne.waitFor(1, { type: 'menu.updated' });
    await tableTwo.waitFor(1, { type: 'menu.updated' });
    expect(admin.messages.map((m) => m.type)).toEqual([
      'order.created',
      'order.created',
      'table.updated',
      'order.updated',
      'session.ended',
      'menu.updated',
    ]);
    expect(tableOne.messages.map((m) => [Number(m.id) - head, m.type])).toEqual([
      [1, 'order.created'],
      [4, 'order.updated'],
      [6, 'menu.updated'],
    ]);
    expect(tableTwo.messages.map((m) => [Number(m.id) - head, m.type])).toEqual([
      [2, 'order.created'],
      [5, 'session.ended'],
      [6, 'menu.updated'],
    ]);
    expect(tableOne.messages.every((m) => m.type === 'menu.updated' || m.data.order?.tableId === one.id)).toBe(true);
    for (const s of [admin, tableOne, tableTwo]) s.close();
  });

  it('carries real changes: a tablet order, a status change and the session end', async () => {
    const s = await factories(t.app).world({ tables: 2 });
    const [one, two] = [s.table1, s.table2];
    const admin = await track(open(t, ADMIN_STREAM, s.manager.token));
    const tableOne = await track(open(t, TABLE_STREAM, one.token));
    const tableTwo = await track(open(t, TABLE_STREAM, two.token));

    const placed = await t.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: s.kimchi.id, quantity: 2 }] },
      { token: one.token, headers: { 'idempotency-key': randomUUID() } },
    );
    expect(placed.status).toBe(201);
    const moved = await t.api.patch(
      `/api/v1/admin/orders/${placed.body.id}`,
      { status: 'preparing' },
      { token: s.manager.token },
    );
    expect(moved.status).toBe(200);
    const ended = await t.api.post(`/api/v1/admin/tables/${one.id}/end-session`, undefined, {
      token: s.manager.token,
    });
    expect(ended.status).toBe(200);
    await emit(t, s.store.id, menuUpdated);

    await admin.waitFor(1, { type: 'menu.updated' });
    await tableOne.waitFor(1, { type: 'menu.updated' });
    await tableTwo.waitFor(1, { type: 'menu.updated' });
    expect(admin.messages.map((m) => m.type)).toEqual([
      'table.updated',
      'order.created',
      'order.updated',
      'session.ended',
      'table.updated',
      'menu.updated',
    ]);
    expect(tableOne.messages.map((m) => m.type)).toEqual([
      'order.created',
      'order.updated',
      'session.ended',
      'menu.updated',
    ]);
    expect(tableOne.messages[0]!.data).toEqual({ order: placed.body });
    expect(tableOne.messages[1]!.data).toEqual({ order: moved.body });
    expect(tableTwo.messages.map((m) => m.type)).toEqual(['menu.updated']);
    for (const c of [admin, tableOne, tableTwo]) c.close();
  });

  it('replays exactly what a client missed after Last-Event-ID, then continues live', async () => {
    const one = w.table1;
    const admin = await track(open(t, ADMIN_STREAM, w.owner.token));
    const table = await track(open(t, TABLE_STREAM, one.token));
    await emit(t, w.store.id, orderCreated(one));
    await admin.waitFor(1);
    await table.waitFor(1);
    const adminCursor = admin.lastEventId!;
    const tableCursor = table.lastEventId!;
    admin.close();
    table.close();

    // Changes while both are away, for both tables and the whole store.
    await emit(t, w.store.id, orderCreated(w.table2));
    await emit(t, w.store.id, { type: 'order.updated', tableId: one.id, data: { order: fakeOrder(one) } });
    await emit(t, w.store.id, menuUpdated, orderCreated(one));
    const missed = await t.app.events.readAfter(w.store.id, Number(adminCursor));
    expect(missed).toHaveLength(4);

    const adminAgain = await track(open(t, ADMIN_STREAM, w.owner.token, adminCursor));
    const tableAgain = await track(open(t, TABLE_STREAM, one.token, tableCursor));
    await adminAgain.waitFor(4);
    await tableAgain.waitFor(3);
    await emit(t, w.store.id, {
      type: 'order.deleted',
      tableId: one.id,
      data: { orderId: randomUUID(), tableId: one.id },
    });
    await adminAgain.waitFor(5);
    await tableAgain.waitFor(4);

    const first = Number(adminCursor) + 1;
    expect(adminAgain.messages.map((m) => [Number(m.id), m.type])).toEqual([
      [first, 'order.created'],
      [first + 1, 'order.updated'],
      [first + 2, 'menu.updated'],
      [first + 3, 'order.created'],
      [first + 4, 'order.deleted'],
    ]);
    expect(tableAgain.messages.map((m) => [Number(m.id), m.type])).toEqual([
      [first + 1, 'order.updated'],
      [first + 2, 'menu.updated'],
      [first + 3, 'order.created'],
      [first + 4, 'order.deleted'],
    ]);
    expect(missed.map((e) => e.seq)).toEqual([first, first + 1, first + 2, first + 3]);
    adminAgain.close();
    tableAgain.close();
  });

  it('starts live from the head without Last-Event-ID', async () => {
    await emit(t, w.store.id, menuUpdated);
    const admin = await track(open(t, ADMIN_STREAM, w.owner.token));
    const head = await t.app.events.latestSeq(w.store.id);
    await emit(t, w.store.id, menuUpdated);
    await admin.waitFor(1);
    expect(ids(admin.messages)).toEqual([head + 1]);
    admin.close();
  });

  it('sends resync at the head for a cursor that is not a number or ahead of the store, then goes live', async () => {
    const head = await t.app.events.latestSeq(w.store.id);
    for (const cursor of ['abc', '-3', String(head + 1), '99999999']) {
      const admin = await track(open(t, ADMIN_STREAM, w.owner.token, cursor));
      const [resync] = await admin.waitFor(1);
      expect(resync).toMatchObject({ type: 'resync', id: String(head), data: {} });
      admin.close();
    }
    const admin = await track(open(t, ADMIN_STREAM, w.owner.token, 'abc'));
    await admin.waitFor(1);
    await emit(t, w.store.id, menuUpdated);
    await admin.waitFor(2);
    expect(admin.messages.map((m) => [Number(m.id), m.type])).toEqual([
      [head, 'resync'],
      [head + 1, 'menu.updated'],
    ]);
    admin.close();
  });

  it('delivers concurrently committed events exactly once, in cursor order', async () => {
    const admin = await track(open(t, ADMIN_STREAM, w.owner.token));
    const head = await t.app.events.latestSeq(w.store.id);
    await Promise.all(Array.from({ length: 25 }, (_, i) => emit(t, w.store.id, orderCreated(w.tables[i % 2]!))));
    await admin.waitFor(25);
    // Nothing more arrives after the 25th.
    await emit(t, w.store.id, menuUpdated);
    await admin.waitFor(26);
    expect(ids(admin.messages)).toEqual(Array.from({ length: 26 }, (_, i) => head + 1 + i));
    admin.close();
  });

  it('counts open streams and delivered events in the metrics', async () => {
    const admin = await track(open(t, ADMIN_STREAM, w.owner.token));
    const table = await track(open(t, TABLE_STREAM, w.table1.token));
    await emit(t, w.store.id, menuUpdated);
    await admin.waitFor(1);
    await table.waitFor(1);
    const metrics = (await t.api.get('/metrics')).body as string;
    expect(metrics).toMatch(/sse_open_streams\{kind="admin"\} [1-9]/);
    expect(metrics).toMatch(/sse_open_streams\{kind="table"\} [1-9]/);
    expect(metrics).toMatch(/sse_events_delivered_total\{kind="table"\} [1-9]/);
    expect(metrics).toMatch(/sse_delivery_lag_seconds_count [1-9]/);
    admin.close();
    table.close();
  });

  // Last: it moves the clock a day on, past the other tests' tokens.
  it('keeps 24 hours of events and answers a cursor older than the log with resync', async () => {
    const clock = t.clock;
    const s = await factories(t.app).world({ tables: 1 });
    await emit(t, s.store.id, menuUpdated, menuUpdated);
    clock.advanceHours(23);
    expect(await pruneEventLog({ events: t.app.events, clock })).toBe(0);
    await emit(t, s.store.id, menuUpdated);
    clock.advanceHours(2);
    expect(await pruneEventLog({ events: t.app.events, clock })).toBeGreaterThanOrEqual(2);
    expect(await t.app.events.oldestSeq(s.store.id)).toBe(3);

    // Tokens signed before the clock moved have expired.
    const owner = await factories(t.app).admin(s.store.id);
    const tableToken = (await factories(t.app).table(s.store.id, { number: 2 })).token;
    const stale = await track(open(t, ADMIN_STREAM, owner.token, '1'));
    expect((await stale.waitFor(1))[0]).toMatchObject({ type: 'resync', id: '3' });
    const fresh = await track(open(t, ADMIN_STREAM, owner.token, '2'));
    expect((await fresh.waitFor(1))[0]).toMatchObject({ type: 'menu.updated', id: '3' });
    const table = await track(open(t, TABLE_STREAM, tableToken, '0'));
    expect((await table.waitFor(1))[0]).toMatchObject({ type: 'resync', id: '3' });
    for (const c of [stale, fresh, table]) c.close();
  });
});

describe('heartbeat, revocation and the per-store limit', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp({ env: { SSE_HEARTBEAT_INTERVAL: '1', SSE_MAX_CONNECTIONS_PER_STORE: '12' } });
    w = await factories(t.app).world({ tables: 2 });
  });
  afterAll(() => t.close());

  it('sends a `: ping` comment every SSE_HEARTBEAT_INTERVAL seconds', async () => {
    const admin = await open(t, ADMIN_STREAM, w.owner.token);
    await admin.waitUntil(() => admin.comments.filter((c) => c === 'ping').length >= 2, 5_000, 'two pings');
    expect(admin.ended).toBe(false);
    admin.close();
  });

  it('answers 429 in the error shape past SSE_MAX_CONNECTIONS_PER_STORE, keeps 10 slots for staff, per store', async () => {
    // 12 slots per store: tablets and phones may take 2, staff all 12.
    const full = await factories(t.app).world({ tables: 3 });
    const open12: SseClient[] = [];
    const tablets = [await open(t, TABLE_STREAM, full.table1.token), await open(t, TABLE_STREAM, full.table2.token)];
    expect(tablets.map((c) => c.status)).toEqual([200, 200]);
    const third = await open(t, TABLE_STREAM, full.table3.token);
    expect(third.status).toBe(429);
    expect(third.error.error.code).toBe('RATE_LIMITED');
    expect(third.headers.get('retry-after')).toBeTruthy();

    // The slots tablets cannot take are staff's: ten staff streams still open.
    for (let i = 0; i < 10; i++)
      open12.push(await open(t, ADMIN_STREAM, i % 2 ? full.owner.token : full.manager.token));
    expect(open12.map((c) => c.status)).toEqual(Array(10).fill(200));
    const past = await open(t, ADMIN_STREAM, full.owner.token);
    expect(past.status).toBe(429);

    const otherStore = await factories(t.app).world({ tables: 1 });
    const elsewhere = await open(t, ADMIN_STREAM, otherStore.owner.token);
    expect(elsewhere.status).toBe(200);

    open12[0]?.close();
    let again: SseClient | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await open(t, ADMIN_STREAM, full.manager.token);
    }
    expect(again?.status).toBe(200);
    for (const c of [...tablets, ...open12, elsewhere, again!]) c.close();
  });

  it('ends a stream whose credentials were revoked (table password changed)', async () => {
    const table = w.table2;
    const stream = await open(t, TABLE_STREAM, table.token);
    expect(stream.status).toBe(200);
    const changed = await t.api.patch(
      `/api/v1/admin/tables/${table.id}`,
      { password: 'new-pass-1' },
      {
        token: w.owner.token,
      },
    );
    expect(changed.status).toBe(200);
    await stream.waitUntil(() => stream.ended, 5_000, 'the stream to end');
    expect((await open(t, TABLE_STREAM, table.token)).status).toBe(401);
    // How long a stream stayed open is no request latency.
    const metrics = (await t.api.get('/metrics')).body as string;
    expect(metrics).not.toMatch(
      /http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/table\/stream",status="200"/,
    );
  });
});

describe('revocation ends open streams before anything that follows it', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  beforeAll(async () => {
    // The default 30-s heartbeat: what ends these streams is the revocation, not a heartbeat check.
    t = await startTestApp();
    f = factories(t.app);
  });
  afterAll(() => t.close());

  const placeOrder = (token: string, menuId: string) =>
    t.api.post('/api/v1/table/orders', { items: [{ menuId, quantity: 1 }] }, { token });

  it("a table's password change ends the streams of its old token; the new token's stream gets the order", async () => {
    const w = await f.world({ tables: 2 });
    const [table, neighbour] = [w.table1, w.table2];
    const oldStream = await open(t, TABLE_STREAM, table.token);
    const neighbourStream = await open(t, TABLE_STREAM, neighbour.token);
    expect(oldStream.status).toBe(200);

    const changed = await t.api.patch(
      `/api/v1/admin/tables/${table.id}`,
      { password: 'new-pass-5678' },
      { token: w.manager.token },
    );
    expect(changed.status).toBe(200);
    const login = await t.api.post('/api/v1/auth/table/login', {
      storeCode: w.store.code,
      tableNumber: table.number,
      password: 'new-pass-5678',
    });
    expect(login.status).toBe(200);
    const newStream = await open(t, TABLE_STREAM, login.body.token);
    const order = await placeOrder(login.body.token, w.kimchi.id);
    expect(order.status).toBe(201);

    await newStream.waitFor(1, { type: 'order.created' });
    await oldStream.waitUntil(() => oldStream.ended, 5_000, 'the old stream to end');
    expect(oldStream.of('order.created', 'access.revoked')).toEqual([]);
    // Nobody is told about the revocation itself; the neighbour's stream goes on.
    await t.api.patch(`/api/v1/admin/categories/${w.category.id}`, { name: 'Renamed' }, { token: w.manager.token });
    await neighbourStream.waitFor(1, { type: 'menu.updated' });
    expect(neighbourStream.ended).toBe(false);
    expect(neighbourStream.of('access.revoked')).toEqual([]);
    for (const s of [newStream, neighbourStream]) s.close();
  });

  it("a deleted account's stream ends before the next order; the owner's stream sees it", async () => {
    const w = await f.world({ tables: 1 });
    const managerStream = await open(t, ADMIN_STREAM, w.manager.token);
    const ownerStream = await open(t, ADMIN_STREAM, w.owner.token);
    expect((await t.api.delete(`/api/v1/admin/users/${w.manager.id}`, { token: w.owner.token })).status).toBe(204);
    const order = await placeOrder(w.table1.token, w.kimchi.id);
    expect(order.status).toBe(201);
    await ownerStream.waitFor(1, { type: 'order.created' });
    await managerStream.waitUntil(() => managerStream.ended, 5_000, "the deleted manager's stream to end");
    expect(managerStream.of('order.created')).toEqual([]);
    expect(ownerStream.of('access.revoked')).toEqual([]);
    expect(ownerStream.ended).toBe(false);
    ownerStream.close();
  });

  it("a deactivated store's streams all end", async () => {
    const w = await f.world({ tables: 1 });
    const root = await f.superadmin();
    const staffStream = await open(t, ADMIN_STREAM, w.owner.token);
    const tableStream = await open(t, TABLE_STREAM, w.table1.token);
    const res = await t.api.patch(
      `/api/v1/superadmin/stores/${w.store.id}`,
      { isActive: false },
      { token: root.token },
    );
    expect(res.status).toBe(200);
    await staffStream.waitUntil(() => staffStream.ended, 5_000, 'the staff stream to end');
    await tableStream.waitUntil(() => tableStream.ended, 5_000, 'the table stream to end');
    expect((await open(t, TABLE_STREAM, w.table1.token)).status).toBe(401);
  });
});

/** A bus whose messages the test delivers by hand: late, out of order, or never. */
function handBus() {
  const inner = createMemoryBus();
  const held: StoredEvent[] = [];
  const bus: EventBus = {
    ...inner,
    async publish(event) {
      held.push(event);
    },
  };
  return {
    bus,
    held,
    deliver: (event: StoredEvent) => inner.publish(event),
  };
}

describe('bus delivery out of order, and shutdown', () => {
  let t: TestApp;
  let w: World;
  const hand = handBus();
  let closed = false;
  beforeAll(async () => {
    t = await startTestApp({ bus: hand.bus });
    w = await factories(t.app).world({ tables: 1 });
  });
  afterAll(async () => {
    if (!closed) await t.close();
  });

  it('delivers strictly in cursor order when the bus brings a later event first', async () => {
    const admin = await open(t, ADMIN_STREAM, w.owner.token);
    const table = await open(t, TABLE_STREAM, w.table1.token);
    hand.held.length = 0;
    await emit(t, w.store.id, orderCreated(w.table1));
    await emit(t, w.store.id, menuUpdated);
    const [first, second] = hand.held as [StoredEvent, StoredEvent];
    expect(second.seq).toBe(first.seq + 1);

    await hand.deliver(second);
    await admin.waitFor(2);
    await hand.deliver(first);
    await hand.deliver(second);
    await emit(t, w.store.id, menuUpdated);
    await hand.deliver(hand.held[2]!);
    await admin.waitFor(3);
    await table.waitFor(3);
    expect(ids(admin.messages)).toEqual([first.seq, first.seq + 1, first.seq + 2]);
    expect(ids(table.messages)).toEqual([first.seq, first.seq + 1, first.seq + 2]);
    admin.close();
    table.close();
  });

  it('still delivers an event whose bus message is lost, from the periodic log check', async () => {
    const admin = await open(t, ADMIN_STREAM, w.owner.token);
    const head = await t.app.events.latestSeq(w.store.id);
    await emit(t, w.store.id, menuUpdated);
    const [got] = await admin.waitFor(1, { timeoutMs: 5_000 });
    expect(Number(got!.id)).toBe(head + 1);
    admin.close();
  });

  it('tells open streams to reconnect and ends them when the app closes', async () => {
    const admin = await open(t, ADMIN_STREAM, w.owner.token);
    const table = await open(t, TABLE_STREAM, w.table1.token);
    closed = true;
    await t.close();
    await Promise.all([admin.done, table.done]);
    for (const s of [admin, table]) {
      expect(s.ended).toBe(true);
      expect(s.retries).toEqual([1000]);
    }
  });
});

describe('one device cannot crowd out the store', () => {
  it('lets a tablet hold 3 streams and refuses the 4th, while other tablets and staff still connect', async () => {
    const t = await startTestApp({ env: { SSE_MAX_CONNECTIONS_PER_STORE: '40' } });
    try {
      const w = await factories(t.app).world({ tables: 2 });
      const own = [];
      for (let i = 0; i < 3; i++) own.push(await open(t, TABLE_STREAM, w.table1.token));
      expect(own.map((c) => c.status)).toEqual([200, 200, 200]);
      const fourth = await open(t, TABLE_STREAM, w.table1.token);
      expect(fourth.status).toBe(429);
      expect(fourth.error.error.code).toBe('RATE_LIMITED');
      const neighbour = await open(t, TABLE_STREAM, w.table2.token);
      const owner = await open(t, ADMIN_STREAM, w.owner.token);
      expect([neighbour.status, owner.status]).toEqual([200, 200]);
      for (const c of [...own, neighbour, owner]) c.close();
    } finally {
      await t.close();
    }
  });
});

describe('a new visit never sees the previous one', () => {
  it('replays nothing of the last guests’ orders to a tablet asking from cursor 0 after end-session', async () => {
    const t = await startTestApp();
    try {
      const w = await factories(t.app).world({ tables: 1 });
      const before = await t.api.post(
        '/api/v1/table/orders',
        { items: [{ menuId: w.kimchi.id, quantity: 2 }] },
        { token: w.table1.token },
      );
      expect(before.status).toBe(201);
      const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
        token: w.owner.token,
      });
      expect(ended.status).toBe(200);

      const stream = await open(t, TABLE_STREAM, w.table1.token, '0');
      expect(stream.status).toBe(200);
      const after = await t.api.post(
        '/api/v1/table/orders',
        { items: [{ menuId: w.bulgogi.id, quantity: 1 }] },
        { token: w.table1.token },
      );
      expect(after.status).toBe(201);
      await stream.waitFor(1, { type: 'order.created' });
      const created = stream.of('order.created').map((m) => (m.data as { order: { id: string } }).order.id);
      expect(created).toEqual([after.body.id]);
      // It learns that the last visit ended, nothing of what was in it.
      expect(stream.of('session.ended')).toHaveLength(1);
      stream.close();
    } finally {
      await t.close();
    }
  });
});
