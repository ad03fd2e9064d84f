import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { factories } from '../../../test/factories.js';
import { calls as callsTable } from '../../db/schema/index.js';

let t: TestApp;
let f: ReturnType<typeof factories>;
beforeAll(async () => {
  t = await startTestApp();
  f = factories(t.app);
});
afterAll(() => t.close());

type World = Awaited<ReturnType<ReturnType<typeof factories>['world']>>;

/** The world with its presets by label: `reasons['물']` is the id of 물. */
async function world(tables = 2) {
  const w = await f.world({ tables });
  const res = await t.api.get('/api/v1/admin/call-reasons', { token: w.owner.token });
  const reasons = Object.fromEntries(res.body.reasons.map((r: { id: string; label: string }) => [r.label, r.id]));
  return { ...w, reasons: reasons as Record<string, string> };
}

const call = (token: string, body: unknown, headers: Record<string, string> = {}) =>
  t.api.post('/api/v1/table/calls', body, { token, headers });
const done = (token: string, id: string) => t.api.post(`/api/v1/admin/calls/${id}/done`, undefined, { token });
const list = (token: string, status?: 'open' | 'done') =>
  t.api.get(`/api/v1/admin/calls${status ? `?status=${status}` : ''}`, { token });
const callEvents = async (w: World) =>
  (await t.app.events.readAfter(w.store.id, 0)).filter((e) => e.type.startsWith('call.'));

describe('calling staff from a table', () => {
  it('makes an open call with the presets’ labels and the note, in no visit before the first order', async () => {
    const w = await world();
    const res = await call(w.table1.token, {
      reasonIds: [w.reasons.물, w.reasons.앞접시],
      note: ' 아이 의자도요 ',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      tableId: w.table1.id,
      tableNumber: 1,
      reasons: ['물', '앞접시'],
      note: '아이 의자도요',
      status: 'open',
      createdAt: t.clock.now().toISOString(),
      doneAt: null,
      doneBy: null,
      pressCount: 1,
    });
    const [event] = await callEvents(w);
    expect(event).toMatchObject({ type: 'call.created', tableId: w.table1.id, sessionId: null });
    expect(event!.data).toEqual({ call: res.body });
  });

  it('takes a call with no preset and no note (just "please come")', async () => {
    const w = await world();
    const res = await call(w.table1.token, {});
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reasons: [], note: null, status: 'open' });
  });

  it('belongs to the table’s open visit', async () => {
    const w = await world();
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const res = await call(w.table1.token, { reasonIds: [w.reasons['계산 요청']] });
    expect(res.status).toBe(201);
    const [row] = await t.app.db.select().from(callsTable).where(eq(callsTable.id, res.body.id));
    expect(row!.sessionId).toBe(order.sessionId);
    const [event] = await callEvents(w);
    expect(event).toMatchObject({ tableId: w.table1.id, sessionId: order.sessionId });
  });

  it('closes a visit that outlived its idle timeout first, and then belongs to none', async () => {
    const w = await world();
    await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    t.clock.advance(3 * 3_600_000);
    const res = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    expect(res.status).toBe(201);
    const events = await t.app.events.readAfter(w.store.id, 0);
    const ended = events.findIndex((e) => e.type === 'session.ended');
    const created = events.findIndex((e) => e.type === 'call.created');
    expect(ended).toBeGreaterThan(-1);
    expect(created).toBeGreaterThan(ended);
    expect(events[created]).toMatchObject({ tableId: w.table1.id, sessionId: null });
    expect((await t.api.get('/api/v1/table/orders', { token: w.table1.token })).body.sessionId).toBeNull();
  });

  it('merges into the table’s open call: 200 with it, reasons added once, the note appended', async () => {
    const w = await world();
    const first = await call(w.table1.token, { reasonIds: [w.reasons.물], note: '물 2병' });
    t.clock.advance(30_000);
    const second = await call(w.table1.token, {
      reasonIds: [w.reasons.앞접시, w.reasons.물, w.reasons.앞접시],
      note: '아이 의자도요',
    });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      id: first.body.id,
      reasons: ['물', '앞접시'],
      note: '물 2병 / 아이 의자도요',
      createdAt: first.body.createdAt,
      pressCount: 2,
    });
    // The same words again add nothing to the note.
    const third = await call(w.table1.token, { note: '아이 의자도요' });
    expect(third.body).toMatchObject({ id: first.body.id, note: '물 2병 / 아이 의자도요', pressCount: 3 });
    expect((await callEvents(w)).map((e) => e.type)).toEqual(['call.created', 'call.updated', 'call.updated']);
    // Another table's call is its own.
    const other = await call(w.table2.token, { reasonIds: [w.reasons.물] });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect((await list(w.manager.token, 'open')).body.calls).toHaveLength(2);
  });

  it('starts a new call once the open one is done', async () => {
    const w = await world();
    const first = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    await done(w.manager.token, first.body.id);
    const second = await call(w.table1.token, { reasonIds: [w.reasons.물티슈] });
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.reasons).toEqual(['물티슈']);
  });

  it('refuses a reason that is not the store’s (400 naming it) and bad notes, changing nothing', async () => {
    const w = await world();
    const other = await world();
    const cases: Array<[unknown, string]> = [
      [{ reasonIds: [w.reasons.물, other.reasons.물] }, 'body.reasonIds.1'],
      [{ reasonIds: [randomUUID()] }, 'body.reasonIds.0'],
      [{ reasonIds: ['water'] }, 'body.reasonIds.0'],
      [{ reasonIds: Array.from({ length: 6 }, () => w.reasons.물) }, 'body.reasonIds'],
      [{ note: '가'.repeat(101) }, 'body.note'],
      [{ note: '\u202e물' }, 'body.note'],
      [{ note: '\u200b \u3164' }, 'body.note'],
    ];
    for (const [body, path] of cases) {
      const res = await call(w.table1.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields.map((field: { path: string }) => field.path)).toContain(path);
    }
    expect(await callEvents(w)).toEqual([]);
    expect((await list(w.owner.token)).body.calls).toEqual([]);
  });

  it('keeps labels as they were when called, whatever happens to the presets later', async () => {
    const w = await world();
    const made = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    const put = await t.api.put(
      '/api/v1/admin/call-reasons',
      { reasons: [{ label: '생수' }] },
      { token: w.owner.token },
    );
    expect(put.status).toBe(200);
    const [listed] = (await list(w.owner.token)).body.calls;
    expect(listed).toMatchObject({ id: made.body.id, reasons: ['물'] });
  });
});

describe('the per-table limit', () => {
  it('answers the 11th call in 10 minutes with 429 and Retry-After, merged calls included, changing nothing', async () => {
    const w = await world();
    for (let i = 1; i <= 10; i++) {
      const res = await call(w.table1.token, { reasonIds: [w.reasons.물] });
      expect(res.status, `call ${i}`).toBe(i === 1 ? 201 : 200);
      t.clock.advance(10_000);
    }
    const before = await callEvents(w);
    const refused = await call(w.table1.token, { reasonIds: [w.reasons.앞접시] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    // The first press was 100 s ago: it leaves the 10-minute window in 500 s.
    expect(refused.headers.get('retry-after')).toBe('500');
    expect(await callEvents(w)).toEqual(before);
    const [open] = (await list(w.manager.token, 'open')).body.calls;
    expect(open).toMatchObject({ reasons: ['물'], pressCount: 10 });

    // Another table is not held back; and once the window has moved on, this one may call again.
    expect((await call(w.table2.token, {})).status).toBe(201);
    t.clock.advance(500_000);
    const again = await call(w.table1.token, { reasonIds: [w.reasons.앞접시] });
    expect(again.status).toBe(200);
    expect(again.body.reasons).toEqual(['물', '앞접시']);
  });

  it('counts calls staff already handled too', async () => {
    const w = await world();
    for (let i = 0; i < 10; i++) {
      const res = await call(w.table1.token, {});
      expect(res.status).toBe(201);
      expect((await done(w.manager.token, res.body.id)).status).toBe(200);
    }
    expect((await call(w.table1.token, {})).status).toBe(429);
  });

  it('holds when calls race: 14 at once from one table make one call pressed exactly 10 times', async () => {
    const w = await world();
    const answers = await Promise.all(
      Array.from({ length: 14 }, () => call(w.table1.token, { reasonIds: [w.reasons.물] })),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
    const open = (await list(w.manager.token, 'open')).body.calls;
    expect(open).toHaveLength(1);
    expect(open[0].pressCount).toBe(10);
  });
});

describe('Idempotency-Key on calls', () => {
  it('answers a resent call with the same call, 200, making and merging nothing', async () => {
    const w = await world();
    const key = randomUUID();
    const first = await call(w.table1.token, { reasonIds: [w.reasons.물] }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const again = await call(w.table1.token, { reasonIds: [w.reasons.물] }, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await callEvents(w)).toHaveLength(1);

    // Answered as it is now: done, but without staff names for the table.
    await done(w.manager.token, first.body.id);
    const late = await call(w.table1.token, { reasonIds: [w.reasons.물] }, { 'idempotency-key': key });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ id: first.body.id, status: 'done', doneBy: null, pressCount: 1 });
  });

  it('refuses a key reused for another call or an order’s key (409), per table', async () => {
    const w = await world();
    const key = randomUUID();
    await call(w.table1.token, { reasonIds: [w.reasons.물] }, { 'idempotency-key': key });
    const different = await call(w.table1.token, { reasonIds: [w.reasons.물티슈] }, { 'idempotency-key': key });
    expect(different.status).toBe(409);
    expect(different.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const orderKey = randomUUID();
    await f.order(w.table1, [{ menuId: w.kimchi.id }], { idempotencyKey: orderKey });
    const onOrder = await call(w.table1.token, {}, { 'idempotency-key': orderKey });
    expect(onOrder.status).toBe(409);
    // Keys are per table: table 2 may use table 1's key for its own call.
    t.clock.advance(1_000);
    const neighbour = await call(w.table2.token, { reasonIds: [w.reasons.물] }, { 'idempotency-key': key });
    expect(neighbour.status).toBe(201);
    expect((await list(w.owner.token)).body.calls.map((c: { tableNumber: number }) => c.tableNumber)).toEqual([2, 1]);
  });

  it('makes one call of concurrent resends with the same key', async () => {
    const w = await world();
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call(w.table1.token, { note: '물 주세요' }, { 'idempotency-key': key })),
    );
    expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect((await list(w.owner.token)).body.calls[0].pressCount).toBe(1);
  });

  it('refuses a malformed key with 400', async () => {
    const w = await world();
    const res = await call(w.table1.token, {}, { 'idempotency-key': 'short' });
    expect(res.status).toBe(400);
    expect(await callEvents(w)).toEqual([]);
  });
});

describe('staff and calls', () => {
  it('mark a call done with who and when; a second time answers the same call and emits nothing', async () => {
    const w = await world();
    const made = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    t.clock.advance(95_000);
    const first = await done(w.manager.token, made.body.id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ...made.body,
      status: 'done',
      doneAt: t.clock.now().toISOString(),
      doneBy: { adminId: w.manager.id, username: w.manager.username },
    });
    t.clock.advance(5_000);
    const second = await done(w.owner.token, made.body.id);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await callEvents(w)).map((e) => e.type)).toEqual(['call.created', 'call.updated']);
  });

  it('list calls newest first, open or done', async () => {
    const w = await world(3);
    const one = await call(w.table1.token, {});
    t.clock.advance(1_000);
    const two = await call(w.table2.token, {});
    t.clock.advance(1_000);
    const three = await call(w.table3.token, {});
    await done(w.owner.token, two.body.id);
    const ids = (res: { body: { calls: Array<{ id: string }> } }) => res.body.calls.map((c) => c.id);
    expect(ids(await list(w.manager.token))).toEqual([three.body.id, two.body.id, one.body.id]);
    expect(ids(await list(w.manager.token, 'open'))).toEqual([three.body.id, one.body.id]);
    expect(ids(await list(w.manager.token, 'done'))).toEqual([two.body.id]);
    expect((await list(w.manager.token, 'done')).body.calls[0].doneBy).toEqual({
      adminId: w.owner.id,
      username: w.owner.username,
    });
    const bad = await t.api.get('/api/v1/admin/calls?status=closed', { token: w.manager.token });
    expect(bad.status).toBe(400);
  });

  it('keep calls to their store and the table’s own: 404 across stores, 403 for tables, nothing listed', async () => {
    const w = await world();
    const other = await world();
    const mine = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    const neighbour = await call(w.table2.token, { reasonIds: [w.reasons.물] });
    for (const token of [other.owner.token, other.manager.token]) {
      const res = await done(token, mine.body.id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect((await list(token)).body.calls).toEqual([]);
    }
    expect((await done(w.manager.token, randomUUID())).status).toBe(404);
    expect((await done(w.table1.token, mine.body.id)).status).toBe(403);
    expect((await list(w.table1.token)).status).toBe(403);
    // Still open: nothing of it changed.
    expect((await list(w.manager.token, 'open')).body.calls).toHaveLength(2);

    // A table reads its own calls only, never staff names.
    await done(w.manager.token, mine.body.id);
    const own = await t.api.get('/api/v1/table/calls', { token: w.table1.token });
    expect(own.status).toBe(200);
    expect(own.body.calls).toEqual([{ ...mine.body, status: 'done', doneAt: expect.any(String), doneBy: null }]);
    const theirs = await t.api.get('/api/v1/table/calls', { token: w.table2.token });
    expect(theirs.body.calls.map((c: { id: string }) => c.id)).toEqual([neighbour.body.id]);
    expect((await t.api.get('/api/v1/table/calls', { token: other.table1.token })).body.calls).toEqual([]);
  });

  it('leave out a deleted table’s calls', async () => {
    const w = await world();
    await call(w.table2.token, {});
    expect((await t.api.delete(`/api/v1/admin/tables/${w.table2.id}`, { token: w.owner.token })).status).toBe(204);
    expect((await list(w.manager.token, 'open')).body.calls).toEqual([]);
  });
});

describe('a table’s calls after its guests leave', () => {
  it('start afresh for the next guests, except a call nobody has handled yet', async () => {
    const w = await world();
    await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const handled = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    await done(w.manager.token, handled.body.id);
    const pending = await call(w.table1.token, { reasonIds: [w.reasons['계산 요청']] });
    t.clock.advance(1_000);
    await t.api.post(`/api/v1/admin/tables/${w.table1.id}/end-session`, undefined, { token: w.owner.token });
    const after = await t.api.get('/api/v1/table/calls', { token: w.table1.token });
    expect(after.body.calls.map((c: { id: string }) => c.id)).toEqual([pending.body.id]);

    // The next guests' call merges into it and makes it theirs.
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const merged = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    expect(merged.body).toMatchObject({ id: pending.body.id, reasons: ['계산 요청', '물'] });
    const [row] = await t.app.db.select().from(callsTable).where(eq(callsTable.id, pending.body.id));
    expect(row!.sessionId).toBe(order.sessionId);
  });
});

describe('calls in a table’s history', () => {
  it('lists them with their visit, who handled them and how many seconds it took', async () => {
    const w = await world();
    const order = await f.order(w.table1, [{ menuId: w.kimchi.id }]);
    const handled = await call(w.table1.token, { reasonIds: [w.reasons.물] });
    t.clock.advance(83_400);
    await done(w.manager.token, handled.body.id);
    t.clock.advance(1_000);
    const open = await call(w.table1.token, { note: '계산할게요' });
    await call(w.table2.token, {});

    const res = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history`, { token: w.owner.token });
    expect(res.status).toBe(200);
    expect(res.body.calls).toEqual([
      { ...open.body, sessionId: order.sessionId, waitSeconds: null },
      {
        ...handled.body,
        status: 'done',
        doneAt: expect.any(String),
        doneBy: { adminId: w.manager.id, username: w.manager.username },
        sessionId: order.sessionId,
        waitSeconds: 83,
      },
    ]);
    const tomorrow = new Date(t.clock.now().getTime() + 86_400_000 * 2).toISOString().slice(0, 10);
    const later = await t.api.get(`/api/v1/admin/tables/${w.table1.id}/history?from=${tomorrow}`, {
      token: w.owner.token,
    });
    expect(later.body.calls).toEqual([]);
  });
});
