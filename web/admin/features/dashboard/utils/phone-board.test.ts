import { describe, expect, test } from 'vitest';
import { anOpenTable, aTable } from '../testing/factories';
import { arrangeForPhone } from './phone-board';

describe('the dashboard on a phone', () => {
  const free = [1, 2, 3, 4, 6, 7, 8].map((n) => aTable(n));
  const busy = anOpenTable(5);
  const ordering = anOpenTable(9);
  const callingLong = anOpenTable(10);
  const callingNow = aTable(11);
  const tables = [...free, busy, ordering, callingLong, callingNow];
  const calls = [
    { tableId: callingNow.id, createdAt: '2026-03-01T05:03:00.000Z' },
    { tableId: callingLong.id, createdAt: '2026-03-01T05:01:00.000Z' },
  ];
  const fresh = (table: { id: string }) => (table.id === ordering.id ? 2 : 0);

  test('puts calling tables first (longest waiting first), then new orders, then the busy, and folds the free', () => {
    const board = arrangeForPhone(tables, calls, fresh);
    expect(board.attention.map((t) => t.number)).toEqual([10, 11, 9]);
    expect(board.busy.map((t) => t.number)).toEqual([5]);
    expect(board.free.map((t) => t.number)).toEqual([1, 2, 3, 4, 6, 7, 8]);
  });

  test('a free table that calls needs someone too; a call of a table not shown is ignored', () => {
    const board = arrangeForPhone(
      free,
      [{ tableId: free[2]!.id, createdAt: '2026-03-01T05:00:00.000Z' }, ...calls],
      () => 0,
    );
    expect(board.attention.map((t) => t.number)).toEqual([3]);
    expect(board.free).toHaveLength(6);
    expect(board.busy).toEqual([]);
  });
});
