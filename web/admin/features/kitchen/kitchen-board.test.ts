import { describe, expect, it } from 'vitest';
import type { Station } from '@contract/kitchen';
import type { Order, OrderItem } from '@contract/orders';
import { kitchenEventEffects, lastBumped, stationTickets, ticketAge, withOrder } from './kitchen-board';

const KITCHEN = '00000000-0000-4000-8000-00000000000a';
const BAR = '00000000-0000-4000-8000-00000000000b';
let next = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`;

function line(stationId: string, fields: Partial<OrderItem> = {}): OrderItem {
  return {
    id: uuid(),
    menuId: uuid(),
    name: stationId === BAR ? '콜라' : '김치찌개',
    unitPrice: 9_000,
    quantity: 1,
    voidedQuantity: 0,
    subtotal: 9_000,
    options: [],
    note: null,
    stationId,
    doneAt: null,
    ...fields,
  };
}

function order(orderNo: number, createdAt: string, items: OrderItem[]): Order {
  return {
    id: uuid(),
    orderNo,
    tableId: uuid(),
    tableNumber: orderNo,
    sessionId: uuid(),
    status: 'pending',
    totalAmount: 9_000,
    createdAt,
    items,
    note: null,
    source: 'table',
  };
}

describe('the kitchen board', () => {
  it('shows a station its open lines only, oldest ticket first', () => {
    const late = order(2, '2026-03-01T05:10:00.000Z', [line(KITCHEN), line(BAR)]);
    const early = order(1, '2026-03-01T05:00:00.000Z', [
      line(KITCHEN, { doneAt: '2026-03-01T05:05:00.000Z' }),
      line(KITCHEN),
    ]);
    const barOnly = order(3, '2026-03-01T05:20:00.000Z', [line(BAR)]);
    const voided = order(4, '2026-03-01T05:30:00.000Z', [line(KITCHEN, { quantity: 2, voidedQuantity: 2 })]);
    const tickets = stationTickets([late, barOnly, early, voided], KITCHEN);
    expect(tickets.map((ticket) => ticket.order.orderNo)).toEqual([1, 2]);
    expect(tickets[0]?.lines).toEqual([early.items[1]]);
    expect(tickets[1]?.lines.map((l) => l.stationId)).toEqual([KITCHEN]);
    expect(stationTickets([late, barOnly, early], BAR).map((ticket) => ticket.order.orderNo)).toEqual([2, 3]);
  });

  it('ages tickets: amber from 10 minutes, red from 20', () => {
    const at = Date.parse('2026-03-01T05:00:00.000Z');
    expect(ticketAge('2026-03-01T05:00:00.000Z', at + 9 * 60_000 + 59_000)).toEqual({ minutes: 9, level: 'fresh' });
    expect(ticketAge('2026-03-01T05:00:00.000Z', at + 10 * 60_000)).toEqual({ minutes: 10, level: 'amber' });
    expect(ticketAge('2026-03-01T05:00:00.000Z', at + 20 * 60_000)).toEqual({ minutes: 20, level: 'red' });
    // A clock a little behind the server's shows 0, never a negative age.
    expect(ticketAge('2026-03-01T05:00:00.000Z', at - 5_000).minutes).toBe(0);
  });

  it('recalls the ticket the station bumped last', () => {
    const a = order(1, '2026-03-01T05:00:00.000Z', [line(KITCHEN, { doneAt: '2026-03-01T05:12:00.000Z' })]);
    const b = order(2, '2026-03-01T05:01:00.000Z', [line(KITCHEN, { doneAt: '2026-03-01T05:15:00.000Z' }), line(BAR)]);
    const open = order(3, '2026-03-01T05:02:00.000Z', [line(KITCHEN)]);
    expect(lastBumped([a, b, open], KITCHEN)?.order.orderNo).toBe(2);
    expect(lastBumped([a, b, open], KITCHEN)?.doneAt).toBe('2026-03-01T05:15:00.000Z');
    expect(lastBumped([open], KITCHEN)).toBeNull();
    expect(lastBumped([a, b], BAR)).toBeNull();
  });

  it('applies order events in place, idempotently, and refetches on what it cannot patch', () => {
    const first = order(1, '2026-03-01T05:00:00.000Z', [line(KITCHEN)]);
    const created = kitchenEventEffects({ id: '7', type: 'order.created', data: { order: first } });
    expect(created.created).toEqual(first);
    const board = created.board?.({ orders: [] });
    expect(board?.orders).toEqual([first]);
    expect(created.board?.(board ?? { orders: [] })).toEqual(board);

    const bumped = { ...first, status: 'completed' as const };
    const updated = kitchenEventEffects({ id: '8', type: 'order.updated', data: { order: bumped } });
    expect(updated.board?.(board ?? { orders: [] }).orders).toEqual([bumped]);

    const ended = kitchenEventEffects({
      id: '9',
      type: 'session.ended',
      data: { tableId: first.tableId, sessionId: first.sessionId },
    });
    expect(ended.board?.(withOrder({ orders: [] }, first)).orders).toEqual([]);

    expect(kitchenEventEffects({ id: '10', type: 'session.merged', data: {} }).refetchBoard).toBe(true);
    expect(kitchenEventEffects({ id: '11', type: 'resync', data: {} })).toMatchObject({
      refetchBoard: true,
      refetchStations: true,
    });
    expect(kitchenEventEffects({ id: '12', type: 'no.such.event', data: {} }).board).toBeNull();
  });

  it('marks a printer offline from printer.updated', () => {
    const station: Station = {
      id: BAR,
      name: '음료',
      sortOrder: 1,
      printer: { host: '192.168.0.31', port: 9100 },
      printerStatus: { stationId: BAR, online: true, error: null, checkedAt: null },
      deletedAt: null,
    };
    const effects = kitchenEventEffects({
      id: '13',
      type: 'printer.updated',
      data: { stationId: BAR, online: false, error: 'connect ECONNREFUSED', checkedAt: '2026-03-01T05:00:00.000Z' },
    });
    expect(effects.stations?.([station])[0]?.printerStatus).toEqual({
      stationId: BAR,
      online: false,
      error: 'connect ECONNREFUSED',
      checkedAt: '2026-03-01T05:00:00.000Z',
    });
  });
});
