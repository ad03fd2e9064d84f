import type { Call } from '@contract/calls';
import { EventData } from '@contract/events';
import type { StreamEvent } from '@shared/api/event-stream';

/** Which calls a cached list holds. */
export type CallFilter = 'open' | 'done' | 'all';

const newestFirst = (a: Call, b: Call) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;

/** Whether `next` is a later version of the same call than `current`: done beats open, then more presses. */
function isNewer(next: Call, current: Call): boolean {
  if (next.status !== current.status) return next.status === 'done';
  return next.pressCount >= current.pressCount;
}

/**
 * A cached list of calls after learning `call` (from an answer or a live event): put in, replaced,
 * or taken out when it no longer matches the filter (an open list loses a call once done). An
 * older version of a call already known changes nothing. Pure and idempotent; `undefined` (no list
 * fetched yet) stays so.
 */
export function withCall(list: Call[] | undefined, call: Call, filter: CallFilter): Call[] | undefined {
  if (!list) return list;
  const known = list.find((item) => item.id === call.id);
  if (known && !isNewer(call, known)) return list;
  const others = list.filter((item) => item.id !== call.id);
  if (filter !== 'all' && call.status !== filter) return known ? others : list;
  return [...others, call].sort(newestFirst);
}

/**
 * Whether a call event should ring: a new open call, or guests calling again on one already open
 * (more presses). Marking done, or an event replayed after a reconnect, rings nothing.
 */
export function callRings(openCalls: Call[] | undefined, call: Call): boolean {
  if (call.status !== 'open') return false;
  const known = openCalls?.find((item) => item.id === call.id);
  return !known || call.pressCount > known.pressCount;
}

/** The call of a live `call.created` / `call.updated` event, checked against the contract. */
export function callOfEvent(event: StreamEvent): Call | null {
  if (event.type !== 'call.created' && event.type !== 'call.updated') return null;
  const parsed = EventData[event.type].safeParse(event.data);
  return parsed.success ? parsed.data.call : null;
}
