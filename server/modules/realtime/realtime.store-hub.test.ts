import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { EventType } from '../../../contract/events.js';
import type { StoredEvent } from './realtime.event-log.js';
import { parseLastEventId, StoreHub, type Subscriber } from './realtime.store-hub.js';

const STORE = '00000000-0000-4000-8000-000000000001';
const TABLE_1 = '00000000-0000-4000-8000-0000000000a1';
const TABLE_2 = '00000000-0000-4000-8000-0000000000a2';

const silentLog = { warn() {}, info() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

/** An in-memory log: `commit` is a committed transaction, `published` what the bus carried. */
function fakeLog() {
  const rows: StoredEvent[] = [];
  let latest = 0;
  return {
    rows,
    commit(
      type: EventType,
      tableId: string | null = null,
      data: unknown = { n: latest + 1 },
      extra: { sessionId?: string | null; otherTableIds?: string[] } = {},
    ): StoredEvent {
      latest += 1;
      const event = {
        storeId: STORE,
        seq: latest,
        tableId,
        otherTableIds: extra.otherTableIds ?? [],
        sessionId: extra.sessionId ?? null,
        type,
        data,
        createdAt: new Date().toISOString(),
      };
      rows.push(event);
      return event;
    },
    pruneUpTo(seq: number) {
      while (rows[0] && rows[0].seq <= seq) rows.shift();
    },
    events: {
      async readAfter(_storeId: string, afterSeq: number, limit = 1000) {
        return rows.filter((e) => e.seq > afterSeq).slice(0, limit);
      },
      async latestSeq() {
        return latest;
      },
      async lastVisitBoundary(_storeId: string, tableId: string, upTo: number) {
        const ends = rows.filter(
          (e) =>
            e.seq <= upTo &&
            (e.type === 'session.ended' || e.type === 'session.moved') &&
            (e.tableId === tableId || e.otherTableIds.includes(tableId)),
        );
        return ends.at(-1)?.seq ?? 0;
      },
    },
  };
}

function subscriber(
  kind: 'admin' | 'table' | 'guest',
  tableId: string | null = null,
  options: { adminId?: string; sessionId?: string; allowed?: () => boolean } = {},
) {
  const got: Array<{ seq: number; type: string; live: boolean }> = [];
  const sub: Subscriber & { got: typeof got; ended: boolean; checks: number } = {
    kind,
    tableId,
    adminId: options.adminId ?? null,
    sessionId: options.sessionId ?? null,
    cursor: 0,
    got,
    ended: false,
    checks: 0,
    send(event, live) {
      got.push({ seq: event.seq, type: event.type, live });
    },
    resync(head) {
      got.push({ seq: head, type: 'resync', live: false });
    },
    async recheck() {
      sub.checks += 1;
      return options.allowed?.() ?? true;
    },
    end() {
      sub.ended = true;
    },
  };
  return sub;
}

const seqs = (sub: ReturnType<typeof subscriber>) => sub.got.map((g) => g.seq);

describe('StoreHub', () => {
  it('delivers the next cursor straight from the bus and drops what it already delivered', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    const admin = subscriber('admin');
    await hub.join(admin, { from: 'head' });
    const first = log.commit('menu.updated');
    hub.heard(first);
    hub.heard(first);
    await hub.idle();
    expect(admin.got).toEqual([{ seq: 1, type: 'menu.updated', live: true }]);
  });

  it('fills a gap from the log when a later cursor arrives first, and ignores the late one', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    const admin = subscriber('admin');
    await hub.join(admin, { from: 'head' });
    const first = log.commit('menu.updated');
    const second = log.commit('menu.updated');
    hub.heard(second);
    await hub.idle();
    hub.heard(first);
    await hub.idle();
    expect(seqs(admin)).toEqual([1, 2]);
  });

  it('catches up from the log when a bus message never comes', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    const admin = subscriber('admin');
    await hub.join(admin, { from: 'head' });
    log.commit('menu.updated');
    await hub.catchUp(1);
    expect(seqs(admin)).toEqual([1]);
    log.commit('menu.updated');
    // A store position no newer than what the hub delivered costs no log read.
    await hub.catchUp(1);
    expect(seqs(admin)).toEqual([1]);
    await hub.catchUp(2);
    await hub.catchUp(2);
    expect(seqs(admin)).toEqual([1, 2]);
  });

  it('replays after a cursor for the principal, then continues live without a duplicate', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    log.commit('order.created', TABLE_1);
    log.commit('order.created', TABLE_2);
    log.commit('table.updated', TABLE_1);
    log.commit('menu.updated');
    const table = subscriber('table', TABLE_1);
    await hub.join(table, { from: 'cursor', cursor: 0 });
    const live = log.commit('session.ended', TABLE_1);
    hub.heard(live);
    await hub.idle();
    expect(table.got).toEqual([
      { seq: 1, type: 'order.created', live: false },
      { seq: 4, type: 'menu.updated', live: false },
      { seq: 5, type: 'session.ended', live: true },
    ]);
    expect(table.cursor).toBe(5);
  });

  it('never replays a previous visit to a tablet: only its end, nothing before it', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    const S1 = '00000000-0000-4000-8000-00000000a001';
    const S2 = '00000000-0000-4000-8000-00000000a002';
    log.commit('order.created', TABLE_1, {}, { sessionId: S1 });
    log.commit('call.created', TABLE_1, {}, { sessionId: S1 });
    log.commit('session.ended', TABLE_1, { tableId: TABLE_1, sessionId: S1 }, { sessionId: S1 });
    log.commit('order.created', TABLE_2, {}, { sessionId: S2 });
    const tablet = subscriber('table', TABLE_1);
    // A new guest's tablet asks for everything since the start of the log.
    await hub.join(tablet, { from: 'cursor', cursor: 0 });
    expect(tablet.got).toEqual([{ seq: 3, type: 'session.ended', live: false }]);
    expect(tablet.cursor).toBe(4);
    const next = log.commit('order.created', TABLE_1, {}, { sessionId: '00000000-0000-4000-8000-00000000a003' });
    hub.heard(next);
    await hub.idle();
    expect(seqs(tablet)).toEqual([3, 5]);
  });

  it('gives a move or merge to the tablets of both tables, and a move ends the old table’s visit', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    const S = '00000000-0000-4000-8000-00000000a001';
    log.commit('order.created', TABLE_1, {}, { sessionId: S });
    log.commit(
      'session.moved',
      TABLE_2,
      { sessionId: S, fromTableId: TABLE_1, toTableId: TABLE_2 },
      {
        sessionId: S,
        otherTableIds: [TABLE_1],
      },
    );
    log.commit('order.created', TABLE_2, {}, { sessionId: S });
    const oldTablet = subscriber('table', TABLE_1);
    const newTablet = subscriber('table', TABLE_2);
    await hub.join(oldTablet, { from: 'cursor', cursor: 1 });
    await hub.join(newTablet, { from: 'cursor', cursor: 1 });
    // The old table's tablet gets the move that empties it, not what follows at the other table.
    expect(oldTablet.got.map((g) => g.type)).toEqual(['session.moved']);
    expect(newTablet.got.map((g) => g.type)).toEqual(['session.moved', 'order.created']);
    // Resuming from before the move, the old table's tablet replays nothing of the moved visit.
    const again = subscriber('table', TABLE_1);
    await hub.join(again, { from: 'cursor', cursor: 0 });
    expect(again.got.map((g) => g.type)).toEqual(['session.moved']);
  });

  it('shows a guest’s phone its own visit only, follows it into a merge, and ends with it', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    const mine = '00000000-0000-4000-8000-00000000b001';
    const theirs = '00000000-0000-4000-8000-00000000b002';
    log.commit('order.created', TABLE_1, {}, { sessionId: theirs });
    log.commit('session.ended', TABLE_1, { tableId: TABLE_1, sessionId: theirs }, { sessionId: theirs });
    log.commit('cart.updated', TABLE_1, {}, { sessionId: mine });
    const phone = subscriber('guest', TABLE_1, { sessionId: mine });
    await hub.join(phone, { from: 'cursor', cursor: 0 });
    expect(seqs(phone)).toEqual([3]);
    // Another table's visit merges with this one: the phone now follows the surviving visit.
    const merged = log.commit(
      'session.merged',
      TABLE_2,
      { sessionId: theirs, fromSessionId: mine, fromTableId: TABLE_1, intoTableId: TABLE_2 },
      { sessionId: theirs, otherTableIds: [TABLE_1] },
    );
    const ended = log.commit(
      'session.ended',
      TABLE_1,
      { tableId: TABLE_1, sessionId: mine, reason: 'merged' },
      { sessionId: mine },
    );
    const atTheOtherTable = log.commit('order.created', TABLE_2, {}, { sessionId: theirs });
    for (const event of [merged, ended, atTheOtherTable]) hub.heard(event);
    await hub.idle();
    expect(phone.got.map((g) => g.type)).toEqual(['cart.updated', 'session.merged', 'order.created']);
    expect(phone.sessionId).toBe(theirs);
    expect(phone.ended).toBe(false);
    const over = log.commit('session.ended', TABLE_2, { tableId: TABLE_2, sessionId: theirs }, { sessionId: theirs });
    hub.heard(over);
    await hub.idle();
    expect(phone.got.at(-1)?.type).toBe('session.ended');
    expect(phone.ended).toBe(true);
  });

  it('asks for a resync when the cursor is ahead of the store, pruned away, or not a number', async () => {
    const log = fakeLog();
    const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
    for (let i = 0; i < 6; i++) log.commit('menu.updated');
    log.pruneUpTo(3);

    const ahead = subscriber('admin');
    await hub.join(ahead, { from: 'cursor', cursor: 7 });
    const pruned = subscriber('admin');
    await hub.join(pruned, { from: 'cursor', cursor: 2 });
    const invalid = subscriber('admin');
    await hub.join(invalid, parseLastEventId('abc'));
    const edge = subscriber('admin');
    await hub.join(edge, { from: 'cursor', cursor: 3 });

    for (const sub of [ahead, pruned, invalid]) expect(sub.got).toEqual([{ seq: 6, type: 'resync', live: false }]);
    expect(seqs(edge)).toEqual([4, 5, 6]);
  });

  it('parses Last-Event-ID strictly', () => {
    expect(parseLastEventId(undefined)).toEqual({ from: 'head' });
    expect(parseLastEventId('  ')).toEqual({ from: 'head' });
    expect(parseLastEventId('42')).toEqual({ from: 'cursor', cursor: 42 });
    expect(parseLastEventId('-1')).toEqual({ from: 'invalid' });
    expect(parseLastEventId('1e3')).toEqual({ from: 'invalid' });
    expect(parseLastEventId('12345678901234567890')).toEqual({ from: 'invalid' });
  });

  describe('access.revoked', () => {
    const ADMIN_A = '00000000-0000-4000-8000-0000000000b1';
    const ADMIN_B = '00000000-0000-4000-8000-0000000000b2';

    it('ends a revoked stream before anything after the revocation reaches it; others go on', async () => {
      const log = fakeLog();
      const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
      let table1Allowed = true;
      const table1 = subscriber('table', TABLE_1, { allowed: () => table1Allowed });
      const table2 = subscriber('table', TABLE_2);
      const staff = subscriber('admin', null, { adminId: ADMIN_A });
      for (const sub of [table1, table2, staff]) await hub.join(sub, { from: 'head' });

      table1Allowed = false;
      // One page holds the revocation and the events after it, as a catch-up from the log would.
      log.commit('access.revoked', null, { tableId: TABLE_1 });
      log.commit('order.created', TABLE_1);
      log.commit('menu.updated');
      await hub.catchUp();
      await hub.idle();

      expect(table1.ended).toBe(true);
      expect(table1.got).toEqual([]);
      expect(table2.ended).toBe(false);
      expect(table2.got.map((g) => g.type)).toEqual(['menu.updated']);
      // Staff see the order, never the internal event; their stream is not even checked.
      expect(staff.got.map((g) => g.type)).toEqual(['order.created', 'menu.updated']);
      expect(staff.checks).toBe(0);
      expect(hub.size).toBe(2);
    });

    it('holds a stream that is still allowed (a new token) and then replays what it was held back from', async () => {
      const log = fakeLog();
      const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
      const staff = subscriber('admin', null, { adminId: ADMIN_A });
      await hub.join(staff, { from: 'head' });
      const revoked = log.commit('access.revoked', null, { adminId: ADMIN_A });
      const order = log.commit('order.created', TABLE_1);
      hub.heard(revoked);
      hub.heard(order);
      await hub.idle();
      expect(staff.checks).toBe(1);
      expect(staff.ended).toBe(false);
      expect(staff.got).toEqual([{ seq: order.seq, type: 'order.created', live: false }]);
      const later = log.commit('menu.updated');
      hub.heard(later);
      await hub.idle();
      expect(seqs(staff)).toEqual([order.seq, later.seq]);
    });

    it('checks a replay that meets a revocation too, and a whole-store revocation checks everyone', async () => {
      const log = fakeLog();
      log.commit('order.created', TABLE_1);
      log.commit('access.revoked', null, { adminId: ADMIN_B });
      log.commit('order.created', TABLE_1);
      const hub = new StoreHub(STORE, { events: log.events, log: silentLog });
      const a = subscriber('admin', null, { adminId: ADMIN_A });
      const b = subscriber('admin', null, { adminId: ADMIN_B, allowed: () => false });
      await hub.join(a, { from: 'cursor', cursor: 0 });
      await hub.join(b, { from: 'cursor', cursor: 0 });
      await hub.idle();
      expect(seqs(a)).toEqual([1, 3]);
      expect(a.checks).toBe(0);
      expect(b.got.map((g) => g.seq)).toEqual([1]);
      expect(b.ended).toBe(true);

      const table = subscriber('table', TABLE_2, { allowed: () => false });
      await hub.join(table, { from: 'head' });
      log.commit('access.revoked', null, { wholeStore: true });
      await hub.catchUp();
      await hub.idle();
      expect(table.ended).toBe(true);
      expect(a.checks).toBe(1);
      expect(a.ended).toBe(false);
    });
  });
});
