import { describe, expect, test } from 'vitest';
import type { Dashboard, Order } from '@contract/orders';
import { anOpenTable, anOrder, aTable, board, newId, withOrders } from '../testing/factories';
import { findOrder, withOrderCreated, withOrderDeleted, withOrderUpdated, withSessionEnded } from './dashboard-cache';

const tableOf = (dashboard: Dashboard, id: string) => dashboard.tables.find((t) => t.id === id);

describe('withOrderCreated', () => {
  test('adds the order to its table in order-number order and adds its total', () => {
    const open = anOpenTable(1);
    const first = anOrder(open, { orderNo: 3, totalAmount: 9_000 });
    const start = board(withOrders(open, [first]), aTable(2));
    const earlier = anOrder(open, { orderNo: 2, totalAmount: 12_000 });

    const next = withOrderCreated(start, earlier);
    const table = tableOf(next, open.id);
    expect(table?.orders.map((o) => o.orderNo)).toEqual([2, 3]);
    expect(table?.totalAmount).toBe(21_000);
    // The other table is the very same object: nothing re-renders that did not change.
    expect(next.tables[1]).toBe(start.tables[1]);
  });

  test('the first order of a new session opens it and replaces what the board had', () => {
    const idle = aTable(4);
    const order = anOrder(idle, { orderNo: 7, totalAmount: 8_000, createdAt: '2026-03-01T06:00:00.000Z' });
    const table = tableOf(withOrderCreated(board(idle), order), idle.id);
    expect(table).toMatchObject({
      sessionId: order.sessionId,
      sessionStartedAt: order.createdAt,
      totalAmount: 8_000,
    });
    expect(table?.orders).toEqual([order]);
  });

  test('a replayed creation changes nothing twice', () => {
    const open = anOpenTable(1);
    const order = anOrder(open, { orderNo: 1, totalAmount: 5_000 });
    const once = withOrderCreated(board(open), order);
    const twice = withOrderCreated(once, order);
    expect(twice).toEqual(once);
    expect(tableOf(twice, open.id)?.totalAmount).toBe(5_000);
  });

  test('an order of a table the board does not have leaves the board as it is', () => {
    const start = board(anOpenTable(1));
    const stranger = anOrder(aTable(9), { totalAmount: 1_000 });
    expect(withOrderCreated(start, stranger)).toBe(start);
  });
});

describe('withOrderUpdated', () => {
  test('replaces the order in place', () => {
    const open = anOpenTable(1);
    const order = anOrder(open, { orderNo: 1, totalAmount: 5_000 });
    const start = board(withOrders(open, [order]));
    const next = withOrderUpdated(start, { ...order, status: 'preparing' });
    expect(findOrder(next, order.id)?.status).toBe('preparing');
    expect(tableOf(next, open.id)?.totalAmount).toBe(5_000);
  });

  test('an order the board does not know (already gone) changes nothing', () => {
    const open = anOpenTable(1);
    const start = board(open);
    const gone = anOrder(open, { totalAmount: 1_000, status: 'completed' });
    expect(withOrderUpdated(start, gone)).toBe(start);
  });
});

describe('withOrderDeleted', () => {
  test('removes the order and its amount', () => {
    const open = anOpenTable(1);
    const kimchi = anOrder(open, { orderNo: 1, totalAmount: 9_000 });
    const bulgogi = anOrder(open, { orderNo: 2, totalAmount: 15_000 });
    const next = withOrderDeleted(board(withOrders(open, [kimchi, bulgogi])), open.id, kimchi.id);
    expect(tableOf(next, open.id)?.orders).toEqual([bulgogi]);
    expect(tableOf(next, open.id)?.totalAmount).toBe(15_000);
  });

  test('a second deletion of the same order is a no-op (same object)', () => {
    const open = anOpenTable(1);
    const order = anOrder(open, { totalAmount: 9_000 });
    const once = withOrderDeleted(board(withOrders(open, [order])), open.id, order.id);
    expect(withOrderDeleted(once, open.id, order.id)).toBe(once);
  });

  test('the total never goes below zero', () => {
    const open = anOpenTable(1);
    const order = anOrder(open, { totalAmount: 9_000 });
    const drifted = board({ ...withOrders(open, [order]), totalAmount: 1_000 });
    expect(tableOf(withOrderDeleted(drifted, open.id, order.id), open.id)?.totalAmount).toBe(0);
  });
});

describe('withSessionEnded', () => {
  test('empties the table of that session', () => {
    const open = anOpenTable(1);
    const order = anOrder(open, { totalAmount: 9_000 });
    const next = withSessionEnded(board(withOrders(open, [order])), open.id, open.sessionId as string);
    expect(tableOf(next, open.id)).toMatchObject({
      sessionId: null,
      sessionStartedAt: null,
      totalAmount: 0,
      orders: [],
    });
  });

  test('the end of an older session leaves the new one alone', () => {
    const open = anOpenTable(1);
    const order = anOrder(open, { totalAmount: 9_000 });
    const start = board(withOrders(open, [order]));
    expect(withSessionEnded(start, open.id, newId())).toBe(start);
  });
});

describe('replaying the event log', () => {
  /** One table's evening: two guests' visits, a status change, a deletion. */
  function evening() {
    const table = aTable(5);
    const first = anOpenTable(5);
    const visit1 = { ...first, id: table.id };
    const a = anOrder(visit1, { orderNo: 1, totalAmount: 9_000 });
    const b = anOrder(visit1, { orderNo: 2, totalAmount: 4_000 });
    const visit2 = { ...anOpenTable(5), id: table.id };
    const c = anOrder(visit2, { orderNo: 3, totalAmount: 15_000 });
    const d = anOrder(visit2, { orderNo: 4, totalAmount: 2_000 });
    const events: Array<(dash: Dashboard) => Dashboard> = [
      (x) => withOrderCreated(x, a),
      (x) => withOrderCreated(x, b),
      (x) => withOrderUpdated(x, { ...a, status: 'completed' }),
      (x) => withOrderDeleted(x, table.id, b.id),
      (x) => withSessionEnded(x, table.id, visit1.sessionId as string),
      (x) => withOrderCreated(x, c),
      (x) => withOrderCreated(x, d),
      (x) => withOrderUpdated(x, { ...c, status: 'preparing' } satisfies Order),
      (x) => withOrderDeleted(x, table.id, d.id),
    ];
    return { table, visit2, c, events };
  }
  const play = (start: Dashboard, events: Array<(dash: Dashboard) => Dashboard>) =>
    events.reduce((x, e) => e(x), start);

  test('the log from an empty board ends where the server is', () => {
    const { table, visit2, c, events } = evening();
    const end = play(board(table), events);
    expect(tableOf(end, table.id)).toMatchObject({ sessionId: visit2.sessionId, totalAmount: 15_000 });
    expect(tableOf(end, table.id)?.orders).toEqual([{ ...c, status: 'preparing' }]);
  });

  test('replayed twice (a reconnect over a fresh snapshot), the board is the same', () => {
    const { table, events } = evening();
    const once = play(board(table), events);
    expect(play(once, events)).toEqual(once);
  });
});

describe('findOrder', () => {
  test('finds an order on any table, or nothing', () => {
    const one = anOpenTable(1);
    const two = anOpenTable(2);
    const order = anOrder(two, { totalAmount: 1_000 });
    const dash = board(one, withOrders(two, [order]));
    expect(findOrder(dash, order.id)).toBe(order);
    expect(findOrder(dash, newId())).toBeUndefined();
    expect(findOrder(undefined, order.id)).toBeUndefined();
  });
});
