import type { FastifyBaseLogger } from 'fastify';
import { type EventPayload, INTERNAL_EVENTS, TABLE_STREAM_EVENTS } from '../../../contract/events.js';
import type { EventLog, StoredEvent } from './realtime.event-log.js';

/** Log reads are paged so a long replay or catch-up never loads the whole retention at once. */
const PAGE_SIZE = 500;

/** Staff (the whole store), a table's tablet (its table), a guest's phone (its visit). */
export type StreamKind = 'admin' | 'table' | 'guest';

/** One open stream as the hub sees it. */
export interface Subscriber {
  readonly kind: StreamKind;
  /** The table a tablet's or guest's stream belongs to; null for staff. */
  readonly tableId: string | null;
  /** The account a staff stream belongs to; null for tablets and guests. */
  readonly adminId: string | null;
  /** The visit a guest's phone is bound to (it follows a merge); null for staff and tablets. */
  sessionId: string | null;
  /**
   * For a tablet resuming from a cursor: the last event that ended a visit at its table. Nothing
   * before it is replayed — a new visit never sees an old one, only that it ended.
   */
  visitStart?: number;
  /** The last cursor this subscriber has been brought past, whether the event was for it or not. */
  cursor: number;
  send(event: StoredEvent, live: boolean): void;
  /** The client must refetch everything; `head` becomes its cursor. */
  resync(head: number): void;
  /** Checks the stream's credentials again: false once they were revoked. */
  recheck(): Promise<boolean>;
  /** Ends the stream (its credentials were revoked). */
  end(): void;
}

const namesTable = (event: StoredEvent, tableId: string | null) =>
  tableId !== null && (event.tableId === tableId || event.otherTableIds.includes(tableId));

/**
 * Staff see their whole store. A tablet sees the events of its table (its orders, visit, calls,
 * cart, payments — a move or merge names both tables) and menu changes. A guest's phone sees its
 * own visit's events only, and menu changes.
 */
export function visibleTo(subscriber: Pick<Subscriber, 'kind' | 'tableId' | 'sessionId'>, event: StoredEvent): boolean {
  if (INTERNAL_EVENTS.includes(event.type)) return false;
  // Staff have no use for the guests' cart as they fill it: they see what is ordered.
  if (subscriber.kind === 'admin') return event.type !== 'cart.updated';
  if (!TABLE_STREAM_EVENTS.includes(event.type)) return false;
  if (event.type === 'menu.updated') return true;
  if (subscriber.kind === 'table') return namesTable(event, subscriber.tableId);
  if (subscriber.sessionId === null) return false;
  return (
    event.sessionId === subscriber.sessionId ||
    (event.type === 'session.merged' &&
      (event.data as EventPayload<'session.merged'>).fromSessionId === subscriber.sessionId)
  );
}

/** Whether the event ends the visit a guest's stream is bound to (the stream then closes). */
export function endsGuestVisit(subscriber: Pick<Subscriber, 'kind' | 'sessionId'>, event: StoredEvent): boolean {
  return (
    subscriber.kind === 'guest' &&
    event.type === 'session.ended' &&
    (event.data as EventPayload<'session.ended'>).sessionId === subscriber.sessionId &&
    (event.data as EventPayload<'session.ended'>).reason !== 'merged'
  );
}

/** Whether an `access.revoked` event may concern the subscriber's credentials. */
export function mayRevoke(
  subscriber: Pick<Subscriber, 'kind' | 'tableId' | 'adminId' | 'sessionId'>,
  event: StoredEvent,
): boolean {
  if (event.type !== 'access.revoked') return false;
  const data = event.data as EventPayload<'access.revoked'>;
  if (data.guestsOnly && subscriber.kind !== 'guest') return false;
  return (
    data.wholeStore === true ||
    (data.tableId !== undefined && data.tableId === subscriber.tableId) ||
    (data.sessionId !== undefined && data.sessionId === subscriber.sessionId) ||
    (data.adminId !== undefined && data.adminId === subscriber.adminId)
  );
}

/** What a Last-Event-ID header asks for. */
export type Resume = { from: 'head' } | { from: 'cursor'; cursor: number } | { from: 'invalid' };

export function parseLastEventId(header: string | undefined): Resume {
  const value = header?.trim();
  if (!value) return { from: 'head' };
  if (!/^\d{1,15}$/.test(value)) return { from: 'invalid' };
  return { from: 'cursor', cursor: Number(value) };
}

/**
 * The streams of one store on this replica. It delivers the store's events strictly in cursor
 * order, each once: the bus only says "something happened"; when what it brings is not the very
 * next cursor (a message lost, or two replicas' messages crossing) the hub reads the missing
 * range from the log, which holds every committed event in cursor order. All work runs one task
 * at a time, so a joining stream's replay and the live events that follow it never interleave.
 */
export class StoreHub {
  /** The last cursor delivered to this hub's streams; -1 until read from the database. */
  private head = -1;
  private readonly subscribers = new Set<Subscriber>();
  /** Subscribers that met an `access.revoked` event for them: nothing is sent until they are checked. */
  private readonly held = new Set<Subscriber>();
  /** Subscribers whose stream ended while joining (a guest replayed the end of its visit). */
  private readonly ended = new WeakSet<Subscriber>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly storeId: string,
    private readonly deps: {
      events: Pick<EventLog, 'readAfter' | 'latestSeq' | 'lastVisitBoundary'>;
      log: FastifyBaseLogger;
    },
  ) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** An event heard on the bus. */
  heard(event: StoredEvent): void {
    if (this.head >= 0 && event.seq <= this.head) return;
    void this.run('deliver', async () => {
      if (this.head < 0) await this.loadHead();
      if (event.seq <= this.head) return;
      if (event.seq === this.head + 1) this.deliver(event);
      else await this.catchUpFromLog();
    });
  }

  /** Reads the log past the head when `latest` (the store's newest cursor, if known) is ahead of it. */
  catchUp(latest?: number): Promise<void> {
    if (latest !== undefined && this.head >= 0 && latest <= this.head) return Promise.resolve();
    return this.run('catch up', () => this.catchUpFromLog());
  }

  /**
   * Adds a stream: replays what it missed after its cursor, or tells it to resync, then keeps it
   * live. Rejects when the database cannot be read (the caller ends the stream; the client retries).
   */
  join(subscriber: Subscriber, resume: Resume): Promise<void> {
    return this.run('join', async () => {
      // Everything committed before this request is now at or below the head, so a cursor
      // above it was never handed out.
      await this.catchUpFromLog();
      const head = this.head;
      if (resume.from === 'cursor' && subscriber.kind === 'table' && subscriber.tableId) {
        subscriber.visitStart = await this.deps.events.lastVisitBoundary(this.storeId, subscriber.tableId, head);
      }
      if (resume.from === 'head') {
        subscriber.cursor = head;
      } else if (resume.from === 'invalid' || resume.cursor > head || !(await this.replay(subscriber, resume.cursor))) {
        subscriber.cursor = head;
        subscriber.resync(head);
      }
      if (!this.ended.has(subscriber)) this.subscribers.add(subscriber);
    });
  }

  leave(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    this.held.delete(subscriber);
  }

  /** Resolves when no work is left, including work queued by the work it waited for. */
  async idle(): Promise<void> {
    let last: Promise<unknown>;
    do {
      last = this.queue;
      await last;
    } while (last !== this.queue);
  }

  private run(what: string, task: () => Promise<void>): Promise<void> {
    const result = this.queue.then(task);
    this.queue = result.catch((err: unknown) => {
      this.deps.log.warn({ err, storeId: this.storeId }, `event stream ${what} failed; the periodic check retries`);
    });
    return result;
  }

  private async loadHead(): Promise<void> {
    this.head = await this.deps.events.latestSeq(this.storeId);
  }

  private async catchUpFromLog(): Promise<void> {
    if (this.head < 0) {
      await this.loadHead();
      return;
    }
    for (;;) {
      const page = await this.deps.events.readAfter(this.storeId, this.head, PAGE_SIZE);
      const first = page[0];
      if (!first) return;
      if (first.seq !== this.head + 1) {
        // The log no longer holds what this hub was about to deliver (it fell behind the
        // retention): its streams cannot be exact any more, so they start over.
        this.head = first.seq - 1;
        for (const subscriber of this.subscribers) {
          if (this.held.has(subscriber)) continue; // resynced once checked, if still allowed
          subscriber.cursor = this.head;
          subscriber.resync(this.head);
        }
      }
      for (const event of page) this.deliver(event);
      if (page.length < PAGE_SIZE) return;
    }
  }

  /** Sends `subscriber` the events after `cursor` up to the head; false when the log lacks some. */
  private async replay(subscriber: Subscriber, cursor: number): Promise<boolean> {
    let after = cursor;
    while (after < this.head) {
      const page = await this.deps.events.readAfter(this.storeId, after, PAGE_SIZE);
      if (page[0]?.seq !== after + 1) return false;
      for (const event of page) {
        if (event.seq > this.head) break;
        subscriber.cursor = event.seq;
        after = event.seq;
        if (mayRevoke(subscriber, event)) {
          this.hold(subscriber);
          return true;
        }
        // The visit's end itself still goes out: the tablet learns its visit is over, nothing more.
        if (event.seq < (subscriber.visitStart ?? 0)) continue;
        if (this.offer(subscriber, event, false)) return true;
      }
    }
    return true;
  }

  private deliver(event: StoredEvent): void {
    this.head = Math.max(this.head, event.seq);
    for (const subscriber of this.subscribers) {
      if (event.seq <= subscriber.cursor || this.held.has(subscriber)) continue;
      subscriber.cursor = event.seq;
      if (mayRevoke(subscriber, event)) this.hold(subscriber);
      else this.offer(subscriber, event, true);
    }
  }

  /**
   * Sends the event if the subscriber may see it; a guest's phone follows its visit into a merge
   * and its stream ends with its visit. Answers true when the stream ended.
   */
  private offer(subscriber: Subscriber, event: StoredEvent, live: boolean): boolean {
    if (!visibleTo(subscriber, event)) return false;
    subscriber.send(event, live);
    if (subscriber.kind === 'guest' && event.type === 'session.merged') {
      subscriber.sessionId = (event.data as EventPayload<'session.merged'>).sessionId;
    }
    if (endsGuestVisit(subscriber, event)) {
      this.ended.add(subscriber);
      this.subscribers.delete(subscriber);
      this.held.delete(subscriber);
      subscriber.end();
      return true;
    }
    return false;
  }

  /**
   * A subscriber met an event that may have revoked its credentials: nothing more is sent to it
   * (its cursor stays at that event) until they are checked again. Revoked, the stream ends;
   * still valid (a new token after a password change), it is replayed what it was held back from.
   */
  private hold(subscriber: Subscriber): void {
    if (this.held.has(subscriber)) return;
    this.held.add(subscriber);
    void this.run('access check', async () => {
      const allowed = await subscriber.recheck().catch(() => false);
      if (!this.held.delete(subscriber) || !this.subscribers.has(subscriber)) return;
      if (!allowed) {
        this.subscribers.delete(subscriber);
        subscriber.end();
        return;
      }
      if (!(await this.replay(subscriber, subscriber.cursor))) {
        subscriber.cursor = this.head;
        subscriber.resync(this.head);
      }
    });
  }
}
