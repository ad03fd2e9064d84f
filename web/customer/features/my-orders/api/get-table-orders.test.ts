import { describe, expect, test } from 'vitest';
import type { TableOrders } from '@contract/orders';
import { anOrder, aTable, newId } from '@customer/testing/factories';
import { applyOrder, endSession, removeOrder } from './get-table-orders';

const table = aTable(3);
const visit = newId();
const kimchi = anOrder(table, visit, { orderNo: 2, totalAmount: 9_000 });
const bulgogi = anOrder(table, visit, { orderNo: 1, totalAmount: 15_000 });
const current: TableOrders = { sessionId: visit, totalAmount: 15_000, orders: [bulgogi] };

describe('the tablet’s order list', () => {
  test('a new order joins the session, oldest first, and the total follows', () => {
    const next = applyOrder(current, kimchi, 'created');
    expect(next?.orders.map((o) => o.orderNo)).toEqual([1, 2]);
    expect(next?.totalAmount).toBe(24_000);
  });

  test('the same order twice (our answer and the stream) is listed once', () => {
    const once = applyOrder(current, kimchi, 'created');
    expect(applyOrder(once, kimchi, 'created')).toEqual(once);
  });

  test('an update replaces the order', () => {
    const next = applyOrder(current, { ...bulgogi, status: 'completed' }, 'updated');
    expect(next?.orders).toEqual([{ ...bulgogi, status: 'completed' }]);
  });

  test('a created order of another session starts the list over; an update of an archived one changes nothing', () => {
    const nextVisit = anOrder(table, newId(), { orderNo: 5, totalAmount: 7_000 });
    expect(applyOrder(current, nextVisit, 'created')).toEqual({
      sessionId: nextVisit.sessionId,
      totalAmount: 7_000,
      orders: [nextVisit],
    });
    expect(applyOrder(current, nextVisit, 'updated')).toBe(current);
  });

  test('nothing loaded yet stays nothing', () => {
    expect(applyOrder(undefined, kimchi, 'created')).toBeUndefined();
    expect(removeOrder(undefined, kimchi.id)).toBeUndefined();
  });

  test('a deleted order leaves the list and the total', () => {
    const both = applyOrder(current, kimchi, 'created');
    expect(removeOrder(both, bulgogi.id)).toEqual({ sessionId: visit, totalAmount: 9_000, orders: [kimchi] });
  });

  test('the end of this session (or before any was loaded) empties the list; another session’s end does not', () => {
    const empty = { sessionId: null, totalAmount: 0, orders: [] };
    expect(endSession(current, visit)).toEqual(empty);
    expect(endSession(undefined, visit)).toEqual(empty);
    expect(endSession(current, newId())).toBe(current);
  });
});
