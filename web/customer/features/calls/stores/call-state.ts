import type { Call, CreateCallBody } from '@contract/calls';

/** A call the guest sent that has not reached the server yet, kept until it does. */
export interface PendingCall {
  key: string;
  tableId: string;
  body: CreateCallBody;
  /** The presets' labels as the guest saw them, to show while it waits. */
  labels: string[];
  sentAt: string;
}

export interface CallState {
  pending: PendingCall | null;
  /** `waiting`: the last attempt got no answer (offline, server down); a retry is scheduled. */
  phase: 'idle' | 'sending' | 'waiting';
  retryAt: number | null;
  /** The table's latest call as the server last told it (an answer, a live event or a fetch). */
  current: Call | null;
  /** When this tablet learned that `current` was done (its own clock), so "seen" shows for a while. */
  seenAt: number | null;
  /** The server refused the call (a preset removed meanwhile, too many calls): the guest is told. */
  refused: { code: string; at: number } | null;
}

export const initialCallState: CallState = {
  pending: null,
  phase: 'idle',
  retryAt: null,
  current: null,
  seenAt: null,
  refused: null,
};

/** How long "확인했어요" stays on screen after staff mark the call done. */
export const SEEN_SHOWN_MS = 20_000;
/** How long a refusal ("이미 여러 번 불렀어요") stays on screen. */
export const REFUSED_SHOWN_MS = 10_000;

/** Later of two versions of one call: done beats open, then more presses win. */
function isNewer(next: Call, current: Call): boolean {
  if (current.status !== next.status) return next.status === 'done';
  return next.pressCount >= current.pressCount;
}

/**
 * The state after the server told the table about `call` (an answer, `call.created` /
 * `call.updated`, or a fetch after a reload). Another table's call, an older call, or an older
 * version of the current one changes nothing. `now` is when it was learned.
 */
export function withCall(state: CallState, call: Call, tableId: string, now: number): CallState {
  if (call.tableId !== tableId) return state;
  const { current } = state;
  if (current && current.id === call.id && !isNewer(call, current)) return state;
  if (current && current.id !== call.id && call.createdAt < current.createdAt) return state;
  const becameDone = call.status === 'done' && !(current?.id === call.id && current.status === 'done');
  return {
    ...state,
    current: call,
    seenAt: call.status === 'done' ? (becameDone ? now : state.seenAt) : null,
  };
}

/**
 * After a reload: the newest of the table's calls. An open one shows as sent; one that is already
 * done was seen before the reload (or by the guests before) and is not announced again.
 */
export function restored(state: CallState, calls: Call[], tableId: string, now: number): CallState {
  const newest = calls.find((call) => call.tableId === tableId);
  if (!newest) return state;
  if (state.current?.id === newest.id) return withCall(state, newest, tableId, now);
  if (state.current && newest.createdAt < state.current.createdAt) return state;
  return { ...state, current: newest, seenAt: null };
}

export type CallBanner =
  | { kind: 'waiting'; labels: string[]; retryAt: number | null; sending: boolean }
  | { kind: 'refused'; code: string }
  | { kind: 'called'; call: Call }
  | { kind: 'seen'; call: Call };

/** When what `callBanner` shows next changes by itself (a notice timing out), if it does. */
export function nextBannerChange(state: CallState, now: number): number | null {
  const ends = [
    state.seenAt === null ? null : state.seenAt + SEEN_SHOWN_MS,
    state.refused ? state.refused.at + REFUSED_SHOWN_MS : null,
  ].filter((at): at is number => at !== null && at > now);
  return ends.length > 0 ? Math.min(...ends) : null;
}

/** What the tablet shows about its call at `now`, if anything: a refusal shows over an open call. */
export function callBanner(state: CallState, now: number): CallBanner | null {
  if (state.pending) {
    return {
      kind: 'waiting',
      labels: state.pending.labels,
      retryAt: state.retryAt,
      sending: state.phase === 'sending',
    };
  }
  if (state.refused && now - state.refused.at < REFUSED_SHOWN_MS) return { kind: 'refused', code: state.refused.code };
  const { current } = state;
  if (!current) return null;
  if (current.status === 'open') return { kind: 'called', call: current };
  if (state.seenAt !== null && now - state.seenAt < SEEN_SHOWN_MS) return { kind: 'seen', call: current };
  return null;
}
