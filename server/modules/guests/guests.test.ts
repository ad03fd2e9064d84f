import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { connectSse } from '../../../test/sse.js';
import { guestTokens, stores, tableSessions, tables } from '../../db/schema/index.js';
import { lockTable, openSession } from '../sessions/sessions.service.js';

const BASE_URL = 'https://order.example.test';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp({ env: { PUBLIC_BASE_URL: `${BASE_URL}/` } });
  f = factories(t.app);
});
afterAll(() => t.close());

type World = Awaited<ReturnType<typeof f.world>>;

async function settings(w: World, values: Partial<typeof stores.$inferInsert>) {
  await t.app.db.update(stores).set(values).where(eq(stores.id, w.store.id));
}

/** Staff open the table (as the open-table route will): a visit with its PIN, no order yet. */
async function openTable(table: { id: string; storeId: string }) {
  return t.app.events.transaction(table.storeId, async (tx, emit) => {
    const locked = await lockTable(tx, table.storeId, table.id);
    if (!locked) throw new Error('no table');
    return openSession(tx, emit, { storeId: table.storeId, table: locked }, { now: t.clock.now(), openedBy: 'staff' });
  });
}

async function codeOf(table: { id: string }): Promise<string> {
  const [row] = await t.app.db.select({ code: tables.qrCode }).from(tables).where(eq(tables.id, table.id));
  if (!row) throw new Error('no table');
  return row.code;
}

const login = (body: Record<string, unknown>) => t.api.post('/api/v1/auth/guest/login', body);

async function guestAt(table: { id: string }, extra: Record<string, unknown> = {}) {
  const res = await login({ code: await codeOf(table), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { token: string; sessionId: string; label: string; table: { id: string; number: number } };
}

describe('table QR codes', () => {
  it('answers each table its random code and the address built from PUBLIC_BASE_URL, never from Host', async () => {
    const w = await f.world();
    const res = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/qr`, {
      token: w.manager.token,
      headers: { 'x-forwarded-host': 'evil.example', host: 'evil.example' },
    });
    expect(res.status).toBe(200);
    expect(res.body.code).toBe(await codeOf(w.table1));
    expect(res.body.code.length).toBeGreaterThanOrEqual(22);
    expect(res.body.url).toBe(`${BASE_URL}/q/${res.body.code}`);
    const other = await t.api.get(`/api/v1/admin/tables/${w.table2.id}/qr`, { token: w.manager.token });
    expect(other.body.code).not.toBe(res.body.code);
  });

  it('rotates a code: the old one and every guest token of the table stop working, streams end', async () => {
    const w = await f.world();
    await openTable(w.table1);
    const oldCode = await codeOf(w.table1);
    const guest = await guestAt(w.table1);
    const stream = await connectSse(`${t.url}/api/v1/table/stream`, { token: guest.token });
    expect(stream.status).toBe(200);
    const tabletStream = await connectSse(`${t.url}/api/v1/table/stream`, { token: w.table1.token });

    const rotated = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/qr/rotate`, undefined, {
      token: w.manager.token,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.code).not.toBe(oldCode);
    expect(rotated.body.url).toBe(`${BASE_URL}/q/${rotated.body.code}`);
    expect(await codeOf(w.table1)).toBe(rotated.body.code);

    expect((await login({ code: oldCode })).status).toBe(401);
    const refused = await t.api.get('/api/v1/table/orders', { token: guest.token });
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHORIZED');
    await stream.done;
    expect(stream.ended).toBe(true);
    // The tablet is not a guest: its token and stream carry on.
    expect((await t.api.get('/api/v1/table/orders', { token: w.table1.token })).status).toBe(200);
    expect(tabletStream.ended).toBe(false);
    tabletStream.close();
    // The new code works at once, for the same visit.
    const again = await login({ code: rotated.body.code });
    expect(again.status).toBe(200);
    expect(again.body.sessionId).toBe(guest.sessionId);
  });

  it('keeps rotation to staff of the store: another store gets 404, a tablet or guest 403', async () => {
    const w = await f.world();
    const b = await f.world();
    await openTable(w.table1);
    const guest = await guestAt(w.table1);
    const before = await codeOf(w.table1);
    const path = `/api/v1/admin/tables/${w.table1.id}/qr/rotate`;
    expect((await t.api.post(path, undefined, { token: b.owner.token })).status).toBe(404);
    expect((await t.api.get(`/api/v1/admin/tables/${w.table1.id}/qr`, { token: b.owner.token })).status).toBe(404);
    expect((await t.api.post(path, undefined, { token: w.table1.token })).status).toBe(403);
    expect((await t.api.post(path, undefined, { token: guest.token })).status).toBe(403);
    expect(await codeOf(w.table1)).toBe(before);
  });
});

describe('store settings', () => {
  it('are read by staff, changed by owners only, and announced to the admin stream', async () => {
    const w = await f.world();
    const read = await t.api.get('/api/v1/admin/settings', { token: w.manager.token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ guestOrdering: 'open-tables', askGuestCount: false, requirePin: false });

    const byManager = await t.api.patch('/api/v1/admin/settings', { requirePin: true }, { token: w.manager.token });
    expect(byManager.status).toBe(403);
    const empty = await t.api.patch('/api/v1/admin/settings', {}, { token: w.owner.token });
    expect(empty.status).toBe(400);
    const bad = await t.api.patch('/api/v1/admin/settings', { guestOrdering: 'everyone' }, { token: w.owner.token });
    expect(bad.status).toBe(400);

    const admin = await connectSse(`${t.url}/api/v1/admin/stream`, { token: w.manager.token });
    const changed = await t.api.patch(
      '/api/v1/admin/settings',
      { guestOrdering: 'any-table', requirePin: true },
      { token: w.owner.token },
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ guestOrdering: 'any-table', askGuestCount: false, requirePin: true });
    const [event] = await admin.waitFor(1, { type: 'settings.updated' });
    expect(event?.data).toEqual({ settings: changed.body });
    admin.close();
    const other = await f.world();
    const untouched = await t.api.get('/api/v1/admin/settings', { token: other.owner.token });
    expect(untouched.body.guestOrdering).toBe('open-tables');
  });
});

describe('guest sign-in', () => {
  it('refuses an unknown code (401), guest ordering off (403), an inactive store (403)', async () => {
    const w = await f.world();
    const unknown = await login({ code: 'no-such-code-anywhere-000000' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(JSON.stringify(unknown.body)).not.toContain('no-such-code');

    await openTable(w.table1);
    await settings(w, { guestOrdering: 'off' });
    const off = await login({ code: await codeOf(w.table1) });
    expect(off.status).toBe(403);
    expect(off.body.error.code).toBe('GUEST_ORDERING_OFF');

    await settings(w, { guestOrdering: 'open-tables', isActive: false });
    const inactive = await login({ code: await codeOf(w.table1) });
    expect(inactive.status).toBe(403);
    expect(inactive.body.error.code).toBe('STORE_INACTIVE');
    expect(await t.app.db.select().from(guestTokens).where(eq(guestTokens.storeId, w.store.id))).toEqual([]);
  });

  it('under open-tables refuses a closed table (409 TABLE_NOT_OPEN) and joins an open one', async () => {
    const w = await f.world();
    const closed = await login({ code: await codeOf(w.table1) });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('TABLE_NOT_OPEN');
    const sessions = await t.app.db.select().from(tableSessions).where(eq(tableSessions.tableId, w.table1.id));
    expect(sessions).toEqual([]);

    const session = await openTable(w.table1);
    const first = await guestAt(w.table1);
    const second = await guestAt(w.table1);
    expect(first.sessionId).toBe(session.id);
    expect(first.table).toEqual({ id: w.table1.id, number: 1, storeId: w.store.id, storeName: w.store.name });
    expect([first.label, second.label]).toEqual(['손님 1', '손님 2']);
    const rows = await t.app.db.select().from(guestTokens).where(eq(guestTokens.sessionId, session.id));
    expect(rows.map((row) => row.label).sort()).toEqual(['손님 1', '손님 2']);
  });

  it('under any-table opens a closed table for the phone (guests null), asking the count when the store does', async () => {
    const w = await f.world();
    await settings(w, { guestOrdering: 'any-table' });
    const admin = await connectSse(`${t.url}/api/v1/admin/stream`, { token: w.manager.token });
    const guest = await guestAt(w.table1);
    const [session] = await t.app.db.select().from(tableSessions).where(eq(tableSessions.tableId, w.table1.id));
    expect(session).toMatchObject({ id: guest.sessionId, openedBy: 'guest', guests: null, closedAt: null });
    const [opened] = await admin.waitFor(1, { type: 'table.updated' });
    expect(opened?.data.table.sessionId).toBe(guest.sessionId);
    admin.close();

    await settings(w, { askGuestCount: true });
    const ask = await login({ code: await codeOf(w.table2) });
    expect(ask.status).toBe(409);
    expect(ask.body.error).toMatchObject({ code: 'TABLE_NOT_OPEN', details: { askGuests: true } });
    expect(await t.app.db.select().from(tableSessions).where(eq(tableSessions.tableId, w.table2.id))).toEqual([]);
    const counted = await guestAt(w.table2, { guests: 3 });
    const [second] = await t.app.db.select().from(tableSessions).where(eq(tableSessions.id, counted.sessionId));
    expect(second?.guests).toBe(3);
    // A phone joining an open visit is not asked again.
    expect((await guestAt(w.table2)).sessionId).toBe(counted.sessionId);
  });

  it('tells the tablet to ask the guest count while no visit is open; its count reaches the dashboard', async () => {
    const w = await f.world();
    const other = await f.world();
    const session = () => t.api.get('/api/v1/table/session', { token: w.table1.token });
    expect((await session()).body).toEqual({ session: null, askGuestCount: false });

    const on = await t.api.patch('/api/v1/admin/settings', { askGuestCount: true }, { token: w.owner.token });
    expect(on.status).toBe(200);
    expect((await session()).body).toEqual({ session: null, askGuestCount: true });
    // Another store's tablet is not asked.
    expect((await t.api.get('/api/v1/table/session', { token: other.table1.token })).body.askGuestCount).toBe(false);

    const admin = await connectSse(`${t.url}/api/v1/admin/stream`, { token: w.manager.token });
    const tablet = await connectSse(`${t.url}/api/v1/table/stream`, { token: w.table1.token });
    const opened = await t.api.post('/api/v1/table/open', { guests: 4 }, { token: w.table1.token });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ tableId: w.table1.id, guests: 4 });
    const [card] = await admin.waitFor(1, { type: 'table.updated' });
    expect(card?.data.table).toMatchObject({ id: w.table1.id, sessionId: opened.body.sessionId, guests: 4 });
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dash.body.tables.find((x: { id: string }) => x.id === w.table1.id)).toMatchObject({ guests: 4 });
    expect((await session()).body).toMatchObject({
      session: { sessionId: opened.body.sessionId, guests: 4 },
      askGuestCount: true,
    });

    // Staff opened it meanwhile: the tablet's count is refused, the visit stays as it was.
    const late = await t.api.post('/api/v1/table/open', { guests: 6 }, { token: w.table1.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('TABLE_HAS_OPEN_SESSION');
    expect((await session()).body.session.guests).toBe(4);

    // The visit ends: the tablet hears it and is told to ask the next guests.
    const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, {}, { token: w.manager.token });
    expect(ended.status).toBe(200);
    const [end] = await tablet.waitFor(1, { type: 'session.ended' });
    expect(end?.data).toMatchObject({ tableId: w.table1.id, sessionId: opened.body.sessionId });
    expect((await session()).body).toEqual({ session: null, askGuestCount: true });
    admin.close();
    tablet.close();
  });

  it('with requirePin wants the PIN of the current visit: missing and wrong PINs are 401', async () => {
    const w = await f.world();
    await settings(w, { requirePin: true });
    const session = await openTable(w.table1);
    const code = await codeOf(w.table1);
    const missing = await login({ code });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { pinRequired: true } });
    const wrongPin = session.pin === '0000' ? '0001' : '0000';
    const wrong = await login({ code, pin: wrongPin });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.details).toEqual({ pinRequired: true, wrongPin: true });
    const malformed = await login({ code, pin: '12a4' });
    expect(malformed.status).toBe(400);
    const right = await login({ code, pin: session.pin });
    expect(right.status).toBe(200);
    expect(right.body.sessionId).toBe(session.id);
    // The dashboard and the table's tablet show the PIN to tell guests; the phone is not told.
    const dash = await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token });
    expect(dash.body.tables[0].pin).toBe(session.pin);
    const tablet = await t.api.get('/api/v1/table/session', { token: w.table1.token });
    expect(tablet.body.session).toMatchObject({ sessionId: session.id, tableId: w.table1.id, pin: session.pin });
    const phone = await t.api.get('/api/v1/table/session', { token: right.body.token });
    expect(phone.body.session.pin).toBeNull();
    const closed = await t.api.get('/api/v1/table/session', { token: w.table2.token });
    expect(closed.body).toEqual({ session: null, askGuestCount: false });
    // Without requirePin, no PIN is shown anywhere.
    await settings(w, { requirePin: false });
    expect((await t.api.get('/api/v1/table/session', { token: w.table1.token })).body.session.pin).toBeNull();
    expect((await t.api.get('/api/v1/admin/dashboard', { token: w.manager.token })).body.tables[0].pin).toBeNull();
  });

  it('never logs the code: /q/<code> answers with no-referrer and a redacted log line', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await startTestApp({ logger: pino({ level: 'info' }, sink), webDir: '/nonexistent' });
    try {
      const w = await factories(logged.app).world();
      await logged.app.db.update(stores).set({ guestOrdering: 'any-table' }).where(eq(stores.id, w.store.id));
      const [row] = await logged.app.db.select({ code: tables.qrCode }).from(tables).where(eq(tables.id, w.table1.id));
      const code = row?.code ?? '';
      const page = await logged.api.get(`/q/${code}`);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(JSON.stringify(page.body ?? '')).not.toContain(code);
      const signedIn = await logged.api.post('/api/v1/auth/guest/login', { code });
      expect(signedIn.status).toBe(200);
      const api = await logged.api.get('/api/v1/table/menu', { token: signedIn.body.token });
      expect(api.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const text = lines.join('');
      expect(text).toContain('/q/[redacted]');
      expect(text).toContain('/auth/guest/login');
      expect(text).not.toContain(code);
    } finally {
      await logged.close();
    }
  }, 120_000);
});

describe('guest tokens are bound to their visit', () => {
  it('use the table routes while the visit lasts, order as guests, then answer 401 SESSION_ENDED', async () => {
    const w = await f.world();
    const session = await openTable(w.table1);
    const guest = await guestAt(w.table1);
    const token = guest.token;
    expect((await t.api.get('/api/v1/table/menu', { token })).status).toBe(200);
    const stream = await connectSse(`${t.url}/api/v1/table/stream`, { token });
    const ordered = await t.api.post(
      '/api/v1/table/orders',
      { items: [{ menuId: w.kimchi.id, quantity: 2 }] },
      { token },
    );
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ source: 'guest', sessionId: session.id, tableId: w.table1.id });
    const mine = await t.api.get('/api/v1/table/orders', { token });
    expect(mine.body.orders.map((o: { id: string }) => o.id)).toEqual([ordered.body.id]);
    await stream.waitFor(1, { type: 'order.created' });

    const ended = await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, {
      token: w.manager.token,
    });
    expect(ended.status).toBe(200);
    await stream.done;
    expect(stream.of('session.ended')).toHaveLength(1);

    // A new visit at the same table: the old phone is still out.
    await openTable(w.table1);
    const calls = [
      t.api.get('/api/v1/table/orders', { token }),
      t.api.get('/api/v1/table/menu', { token }),
      t.api.get('/api/v1/table/cart', { token }),
      t.api.post('/api/v1/table/orders', { items: [{ menuId: w.kimchi.id, quantity: 1 }] }, { token }),
      t.api.post('/api/v1/table/cart/items', { menuId: w.kimchi.id, quantity: 1 }, { token }),
      t.api.post('/api/v1/table/cart/checkout', { expectedVersion: 0 }, { token }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('SESSION_ENDED');
    }
    const reopened = await connectSse(`${t.url}/api/v1/table/stream`, { token });
    expect(reopened.status).toBe(401);
    const live = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(live.body.orders).toEqual([]);
  });

  it('are checked inside each write: a phone of an ended visit never writes into the next one', async () => {
    const w = await f.world();
    const first = await openTable(w.table1);
    const guest = await guestAt(w.table1);
    expect(guest.sessionId).toBe(first.id);
    await t.app.services.sessions.endByStaff(w.store.id, w.table1.id);
    const next = await openTable(w.table1);
    // Past the request's own check (the services are called directly): the transaction refuses.
    const order = await t.app.services.orders
      .create({
        storeId: w.store.id,
        tableId: w.table1.id,
        source: 'guest',
        items: [{ menuId: w.kimchi.id, quantity: 1 }],
        boundSessionId: first.id,
      })
      .catch((err: { code?: string }) => err.code);
    expect(order).toBe('SESSION_ENDED');
    const cart = await t.app.services.carts
      .add(
        {
          storeId: w.store.id,
          tableId: w.table1.id,
          boundSessionId: first.id,
          addedBy: { kind: 'guest', label: '손님 1' },
        },
        { menuId: w.kimchi.id, quantity: 1 },
      )
      .catch((err: { code?: string }) => err.code);
    expect(cart).toBe('SESSION_ENDED');
    const live = await t.api.get('/api/v1/table/orders', { token: w.table1.token });
    expect(live.body).toMatchObject({ sessionId: next.id, orders: [] });
    expect((await t.api.get('/api/v1/table/cart', { token: w.table1.token })).body.items).toEqual([]);
  });
});

describe('guest sign-in limits', () => {
  it('counts sign-ins per table (wrong PINs included) and per IP', async () => {
    const limited = await startTestApp({
      env: { GUEST_LOGIN_RATE_PER_TABLE: '5', GUEST_LOGIN_RATE_PER_IP: '120' },
    });
    try {
      const lf = factories(limited.app);
      const w = await lf.world();
      await limited.app.db.update(stores).set({ requirePin: true }).where(eq(stores.id, w.store.id));
      const session = await limited.app.events.transaction(w.store.id, async (tx, emit) => {
        const locked = await lockTable(tx, w.store.id, w.table1.id);
        if (!locked) throw new Error('no table');
        return openSession(
          tx,
          emit,
          { storeId: w.store.id, table: locked },
          { now: limited.clock.now(), openedBy: 'staff' },
        );
      });
      const [row] = await limited.app.db.select({ code: tables.qrCode }).from(tables).where(eq(tables.id, w.table1.id));
      const code = row?.code ?? '';
      const wrongPin = session.pin === '0000' ? '0001' : '0000';
      const post = (body: unknown) => limited.api.post('/api/v1/auth/guest/login', body);
      for (let i = 0; i < 4; i++) expect((await post({ code, pin: wrongPin })).status).toBe(401);
      expect((await post({ code, pin: session.pin })).status).toBe(200);
      const sixth = await post({ code, pin: session.pin });
      expect(sixth.status).toBe(429);
      expect(sixth.body.error.code).toBe('RATE_LIMITED');
      expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another table of the store is not held up; and time refills the table's allowance.
      await limited.app.db
        .update(stores)
        .set({ requirePin: false, guestOrdering: 'any-table' })
        .where(eq(stores.id, w.store.id));
      const [other] = await limited.app.db
        .select({ code: tables.qrCode })
        .from(tables)
        .where(eq(tables.id, w.table2.id));
      expect((await post({ code: other?.code })).status).toBe(200);
      limited.clock.advance(10 * 60_000);
      expect((await post({ code })).status).toBe(200);

      // Per IP: 120 a minute pass (a restaurant's phones share one address), the next is 429.
      const statuses: number[] = [];
      for (let i = 0; i < 121; i++) statuses.push((await post({ code: `unknown-${i}-xxxxxxxxxxxx` })).status);
      // Eight sign-ins above already counted from this address.
      expect(statuses.filter((s) => s === 401).length).toBe(120 - 8);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await limited.close();
    }
  }, 120_000);
});
