import { describe, expect, test } from 'vitest';
import type { Call } from '@contract/calls';
import { callOfEvent, callRings, withCall } from './calls-cache';

let next = 0;
function aCall(fields: Partial<Call> = {}): Call {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    tableId: '00000000-0000-4000-8000-999999999999',
    tableNumber: 4,
    reasons: ['물'],
    note: null,
    status: 'open',
    createdAt: `2026-03-01T05:${String(next % 60).padStart(2, '0')}:00.000Z`,
    doneAt: null,
    doneBy: null,
    pressCount: 1,
    ...fields,
  };
}
const done = (call: Call): Call => ({
  ...call,
  status: 'done',
  doneAt: '2026-03-01T06:00:00.000Z',
  doneBy: { adminId: '00000000-0000-4000-8000-000000000abc', username: 'admin' },
});

describe('cached call lists', () => {
  test('take a new call in, newest first, and replace a call with its later version', () => {
    const older = aCall();
    const newer = aCall();
    expect(withCall([older], newer, 'open')).toEqual([newer, older]);
    const merged = { ...older, reasons: ['물', '앞접시'], pressCount: 2 };
    expect(withCall([newer, older], merged, 'open')).toEqual([newer, merged]);
  });

  test('drop a call from the open list once done, and add it to the done list', () => {
    const call = aCall();
    expect(withCall([call], done(call), 'open')).toEqual([]);
    expect(withCall([], done(call), 'done')).toEqual([done(call)]);
    expect(withCall([call], done(call), 'all')).toEqual([done(call)]);
    // An open call never lands in the done list.
    expect(withCall([], call, 'done')).toEqual([]);
  });

  test('ignore an older version (a replayed event after the mark-done answer), and lists never fetched', () => {
    const call = aCall({ pressCount: 2 });
    const list = [done(call)];
    expect(withCall(list, call, 'all')).toBe(list);
    const open = [call];
    expect(withCall(open, { ...call, pressCount: 1 }, 'open')).toBe(open);
    expect(withCall(undefined, call, 'open')).toBeUndefined();
  });
});

describe('ringing for a call', () => {
  test('rings for a new open call and for guests calling again, not for done or a repeat', () => {
    const call = aCall();
    expect(callRings([], call)).toBe(true);
    expect(callRings(undefined, call)).toBe(true);
    expect(callRings([call], call)).toBe(false);
    expect(callRings([call], { ...call, pressCount: 2 })).toBe(true);
    expect(callRings([call], done(call))).toBe(false);
  });

  test('reads the call of a call event only when it matches the contract', () => {
    const call = aCall();
    expect(callOfEvent({ type: 'call.created', id: '5', data: { call } })).toEqual(call);
    expect(callOfEvent({ type: 'call.updated', id: '6', data: { call: { id: call.id } } })).toBeNull();
    expect(callOfEvent({ type: 'order.created', id: '7', data: { call } })).toBeNull();
  });
});
