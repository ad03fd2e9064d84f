import { z } from 'zod';
import { Id } from './common.js';
import { Order } from './orders.js';
import { Table } from './tables.js';

/** Data of each SSE event type (DESIGN §5). */
export const EventData = {
  'order.created': z.object({ order: Order }),
  'order.updated': z.object({ order: Order }),
  'order.deleted': z.object({ orderId: Id, tableId: Id }),
  'session.ended': z.object({ tableId: Id, sessionId: Id }),
  'table.updated': z.object({ table: Table }),
  'menu.updated': z.object({}),
  resync: z.object({}),
  /**
   * Internal, never sent to a client: someone's access ended (a table's password changed or the
   * table was deleted, an account's password changed or it was deleted, the store was deactivated).
   * It travels the event log like any event, so every replica's streams meet it in cursor order
   * and re-check their credentials before anything that follows it.
   */
  'access.revoked': z.object({ tableId: Id.optional(), adminId: Id.optional(), wholeStore: z.boolean().optional() }),
} as const;

export type EventType = keyof typeof EventData;
export const EVENT_TYPES = Object.keys(EventData) as EventType[];

export type EventPayload<T extends EventType = EventType> = z.infer<(typeof EventData)[T]>;

/** A domain event as services emit it; `tableId` routes it to that table's stream too. */
export type DomainEvent = {
  [T in EventType]: { type: T; data: EventPayload<T>; tableId?: string | null };
}[EventType];

/** Events that stay on the server: streams act on them, clients never see them. */
export const INTERNAL_EVENTS: readonly EventType[] = ['access.revoked'];

/** Events a table stream receives (besides resync): its own orders and session, and menu changes. */
export const TABLE_STREAM_EVENTS: readonly EventType[] = [
  'order.created',
  'order.updated',
  'order.deleted',
  'session.ended',
  'menu.updated',
];
