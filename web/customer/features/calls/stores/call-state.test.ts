import { describe, expect, test } from 'vitest';
import type { Call } from '@contract/calls';
import { newId } from '@customer/testing/factories';
import {
  type CallState,
  callBanner,
  initialCallState,
  nextBannerChange,
  REFUSED_SHOWN_MS,
  restored,
  SEEN_SHOWN_MS,
  withCall,
} from './call-state';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const tableId = newId();

function aCall(fields: Partial<Call> = {}): Call {
  return {
    id: newId(),
    tableId,
    tableNumber: 3,
    reasons: ['물'],
    note: null,
    status: 'open',
    createdAt: new Date(NOW - 60_000).toISOString(),
    doneAt: null,
    doneBy: null,
    pressCount: 1,
    ...fields,
  };
}
const doneOf = (call: Call): Call => ({ ...call, status: 'done', doneAt: new Date(NOW).toISOString() });

describe('the tablet’s call', () => {
  test('shows as called, then as seen for a while once staff mark it done, then nothing', () => {
    const call = aCall();
    let state = withCall(initialCallState, call, tableId, NOW);
    expect(callBanner(state, NOW)).toEqual({ kind: 'called', call });
    state = withCall(state, doneOf(call), tableId, NOW + 5_000);
    expect(callBanner(state, NOW + 5_000)).toMatchObject({ kind: 'seen', call: { id: call.id } });
    expect(nextBannerChange(state, NOW + 5_000)).toBe(NOW + 5_000 + SEEN_SHOWN_MS);
    expect(callBanner(state, NOW + 5_000 + SEEN_SHOWN_MS)).toBeNull();
  });

  test('ignores another table’s call, an older call, and an older version of its own', () => {
    const call = aCall({ pressCount: 2 });
    const state = withCall(initialCallState, call, tableId, NOW);
    expect(withCall(state, aCall({ tableId: newId() }), tableId, NOW)).toBe(state);
    expect(withCall(state, aCall({ createdAt: new Date(NOW - 120_000).toISOString() }), tableId, NOW)).toBe(state);
    expect(withCall(state, { ...call, pressCount: 1 }, tableId, NOW)).toBe(state);
    // A late "open" after "done" does not bring the call back.
    const done = withCall(state, doneOf(call), tableId, NOW);
    expect(withCall(done, call, tableId, NOW + 1)).toBe(done);
  });

  test('takes a newer call (made on a guest’s phone, or after the last one was done)', () => {
    const first = aCall();
    const second = aCall({ createdAt: new Date(NOW).toISOString(), reasons: ['앞접시'] });
    const state = withCall(withCall(initialCallState, doneOf(first), tableId, NOW), second, tableId, NOW);
    expect(callBanner(state, NOW)).toEqual({ kind: 'called', call: second });
  });

  test('keeps "seen" running from the first time it was learned, not from every repeat', () => {
    const call = aCall();
    const seen = withCall(withCall(initialCallState, call, tableId, NOW), doneOf(call), tableId, NOW);
    const again = withCall(seen, doneOf(call), tableId, NOW + 10_000);
    expect(again.seenAt).toBe(NOW);
  });

  test('after a reload shows an open call as called and does not announce one handled before', () => {
    const open = aCall();
    expect(callBanner(restored(initialCallState, [open], tableId, NOW), NOW)).toEqual({ kind: 'called', call: open });
    const handled = doneOf(aCall());
    expect(callBanner(restored(initialCallState, [handled], tableId, NOW), NOW)).toBeNull();
    // Known open before and done by now: that is news.
    const known = withCall(initialCallState, open, tableId, NOW);
    expect(callBanner(restored(known, [doneOf(open)], tableId, NOW), NOW)).toMatchObject({ kind: 'seen' });
    expect(restored(known, [], tableId, NOW)).toBe(known);
  });

  test('shows a call waiting for the connection first, and a refusal for a while over an open call', () => {
    const open = aCall();
    const pending: CallState = {
      ...withCall(initialCallState, open, tableId, NOW),
      pending: { key: 'k-123456789', tableId, body: { reasonIds: [] }, labels: ['물'], sentAt: '' },
      phase: 'waiting',
      retryAt: NOW + 4_000,
    };
    expect(callBanner(pending, NOW)).toEqual({ kind: 'waiting', labels: ['물'], retryAt: NOW + 4_000, sending: false });
    const refused: CallState = { ...pending, pending: null, phase: 'idle', refused: { code: 'RATE_LIMITED', at: NOW } };
    expect(callBanner(refused, NOW + 1_000)).toEqual({ kind: 'refused', code: 'RATE_LIMITED' });
    expect(nextBannerChange(refused, NOW + 1_000)).toBe(NOW + REFUSED_SHOWN_MS);
    expect(callBanner(refused, NOW + REFUSED_SHOWN_MS)).toEqual({ kind: 'called', call: open });
  });
});
