import { describe, expect, it } from 'vitest';
import { refusalOf } from './join-table';

describe('a refused join', () => {
  it('asks for the PIN, then says when it was wrong', () => {
    expect(refusalOf({ status: 401, code: 'INVALID_CREDENTIALS', details: { pinRequired: true } })).toEqual({
      kind: 'pin',
      wrong: false,
    });
    expect(
      refusalOf({ status: 401, code: 'INVALID_CREDENTIALS', details: { pinRequired: true, wrongPin: true } }),
    ).toEqual({ kind: 'pin', wrong: true });
  });

  it('asks for the guest count only when the server wants it to open the table', () => {
    expect(refusalOf({ status: 409, code: 'TABLE_NOT_OPEN', details: { askGuests: true } })).toEqual({
      kind: 'guests',
    });
    expect(refusalOf({ status: 409, code: 'TABLE_NOT_OPEN', details: {} })).toEqual({ kind: 'not-open' });
  });

  it('explains every other refusal', () => {
    expect(refusalOf({ status: 401, code: 'INVALID_CREDENTIALS', details: {} }).kind).toBe('unknown-code');
    expect(refusalOf({ status: 403, code: 'GUEST_ORDERING_OFF', details: {} }).kind).toBe('off');
    expect(refusalOf({ status: 403, code: 'STORE_INACTIVE', details: {} }).kind).toBe('inactive');
    expect(refusalOf({ status: 429, code: 'RATE_LIMITED', details: {} }).kind).toBe('too-many');
    expect(refusalOf({ status: 0, code: 'NETWORK_ERROR', details: {} }).kind).toBe('network');
    expect(refusalOf({ status: 500, code: 'INTERNAL_ERROR', details: {} }).kind).toBe('failed');
  });
});
