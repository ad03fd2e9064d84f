import { describe, expect, test } from 'vitest';
import { queryKeys } from '@admin/lib/query-keys';
import type { Dashboard } from '@contract/orders';
import type { StreamEvent } from '@shared/api/event-stream';
import { anOpenTable, anOrder, aTable, board, withOrders } from '../testing/factories';
import { adminEventEffects } from './admin-events';

const event = (type: string, data: unknown): StreamEvent => ({ id: '1', type, data });

describe('adminEventEffects', () => {
  const open = anOpenTable(1);
  const kimchi = anOrder(open, { orderNo: 1, totalAmount: 9_000 });
  const current: Dashboard = board(withOrders(open, [kimchi]), aTable(2));

  test('order.created patches the board, refetches the tables list and rings for a new order', () => {
    const bulgogi = anOrder(open, { orderNo: 2, totalAmount: 15_000 });
    const effects = adminEventEffects(event('order.created', { order: bulgogi }), current);
    expect(effects.chime).toBe(true);
    expect(effects.invalidate).toEqual([queryKeys.tables, ['admin', 'bill']]);
    expect(effects.patch?.(current).tables[0]?.totalAmount).toBe(24_000);
  });

  test('a replayed order.created (the board knows the order) rings nothing', () => {
    const effects = adminEventEffects(event('order.created', { order: kimchi }), current);
    expect(effects.chime).toBe(false);
    expect(effects.patch?.(current)).toEqual(current);
  });

  test('order.created before the first snapshot still rings', () => {
    expect(adminEventEffects(event('order.created', { order: kimchi }), undefined).chime).toBe(true);
  });

  test('order.updated patches in place and refetches only open bills (a void changes what is due)', () => {
    const effects = adminEventEffects(event('order.updated', { order: { ...kimchi, status: 'completed' } }), current);
    expect(effects.invalidate).toEqual([['admin', 'bill']]);
    expect(effects.chime).toBe(false);
    expect(effects.patch?.(current).tables[0]?.orders[0]?.status).toBe('completed');
  });

  test('order.deleted patches the board and refetches that table’s history', () => {
    const effects = adminEventEffects(event('order.deleted', { orderId: kimchi.id, tableId: open.id }), current);
    expect(effects.invalidate).toEqual([queryKeys.history(open.id)]);
    expect(effects.patch?.(current).tables[0]).toMatchObject({ orders: [], totalAmount: 0 });
  });

  test('session.ended empties the table and refetches its history and the tables list', () => {
    const effects = adminEventEffects(event('session.ended', { tableId: open.id, sessionId: open.sessionId }), current);
    expect(effects.invalidate).toEqual([queryKeys.history(open.id), queryKeys.tables]);
    expect(effects.patch?.(current).tables[0]).toMatchObject({ sessionId: null, orders: [], totalAmount: 0 });
  });

  test('table.updated refetches the tables and the board (a deletion looks like any update)', () => {
    const table = { id: open.id, number: 11, sessionId: null, sessionStartedAt: null, guests: null };
    const effects = adminEventEffects(event('table.updated', { table }), current);
    expect(effects.patch).toBeNull();
    expect(effects.invalidate).toEqual([queryKeys.tables, queryKeys.dashboard]);
  });

  test('menu.updated refetches categories, menus, option groups and the call presets', () => {
    expect(adminEventEffects(event('menu.updated', {}), current).invalidate).toEqual([
      queryKeys.categories,
      queryKeys.menus,
      queryKeys.optionGroups,
      queryKeys.callReasons,
    ]);
  });

  test('resync, or an event that does not match the contract, refetches everything', () => {
    expect(adminEventEffects(event('resync', {}), current).invalidate).toEqual([queryKeys.all]);
    const broken = adminEventEffects(event('order.created', { order: { id: 'not-an-order' } }), current);
    expect(broken).toEqual({ patch: null, invalidate: [queryKeys.all], chime: false });
  });

  test('an event type this app does not know is ignored', () => {
    expect(adminEventEffects(event('something.new', { anything: {} }), current)).toEqual({
      patch: null,
      invalidate: [],
      chime: false,
    });
  });

  test('moves and merges refetch the board, the tables, open bills and history', () => {
    const moved = adminEventEffects(
      event('session.moved', { sessionId: open.sessionId, fromTableId: open.id, toTableId: current.tables[1]!.id }),
      current,
    );
    expect(moved.invalidate).toEqual([queryKeys.dashboard, queryKeys.tables, ['admin', 'bill'], queryKeys.historyAll]);
    expect(moved.chime).toBe(false);
    const orderMoved = adminEventEffects(
      event('order.moved', { order: kimchi, fromTableId: current.tables[1]!.id }),
      current,
    );
    expect(orderMoved.invalidate).toContainEqual(queryKeys.dashboard);
    // A malformed merge refetches everything rather than guess.
    expect(adminEventEffects(event('session.merged', { sessionId: 'x' }), current).invalidate).toEqual([queryKeys.all]);
  });

  test('payments refetch the board and open bills', () => {
    const payment = {
      id: '00000000-0000-4000-8000-000000000001',
      sessionId: open.sessionId,
      method: 'card',
      amount: 5_000,
      createdAt: new Date().toISOString(),
      createdBy: null,
      refundedAt: null,
      refundedBy: null,
    };
    const effects = adminEventEffects(
      event('payment.created', { payment, tableId: open.id, paidAmount: 5_000, dueAmount: 4_000 }),
      current,
    );
    expect(effects.invalidate).toEqual([queryKeys.dashboard, ['admin', 'bill']]);
  });
});
