import { z } from 'zod';
import { Call } from './calls.js';
import { Id } from './common.js';
import { Cart, StoreSettings } from './guests.js';
import { PrinterStatus, Station } from './kitchen.js';
import { Order } from './orders.js';
import { PaymentEvent } from './payments.js';
import { Table } from './tables.js';

/** Data of each SSE event type (docs/API.md, "Live events"). */
export const EventData = {
  'order.created': z.object({ order: Order }),
  'order.updated': z.object({ order: Order }),
  'order.deleted': z.object({ orderId: Id, tableId: Id }),
  /** An order staff moved to another table: not a new order (nothing prints again). */
  'order.moved': z.object({ order: Order, fromTableId: Id }),
  /** `reason` is "merged" when the visit joined another table's (합석). */
  'session.ended': z.object({ tableId: Id, sessionId: Id, reason: z.string().optional() }),
  'session.moved': z.object({ sessionId: Id, fromTableId: Id, toTableId: Id }),
  /** `sessionId` is the visit that carries on; `fromSessionId` ended, merged into it. */
  'session.merged': z.object({ sessionId: Id, fromSessionId: Id, fromTableId: Id, intoTableId: Id }),
  'table.updated': z.object({ table: Table }),
  'menu.updated': z.object({}),
  'call.created': z.object({ call: Call }),
  'call.updated': z.object({ call: Call }),
  'cart.updated': z.object({ cart: Cart }),
  'payment.created': PaymentEvent,
  'payment.deleted': PaymentEvent,
  'station.updated': z.object({ station: Station }),
  'settings.updated': z.object({ settings: StoreSettings }),
  'print.requested': z.object({ orderId: Id, stationId: Id.nullable() }),
  'printer.updated': PrinterStatus,
  resync: z.object({}),
  /**
   * Internal, never sent to a client: someone's access ended (a table's password changed or the
   * table was deleted, an account's password changed or it was deleted, the store was deactivated,
   * a table's QR code was rotated, a visit ended for its guests' phones).
   * It travels the event log like any event, so every replica's streams meet it in cursor order
   * and re-check their credentials before anything that follows it.
   */
  'access.revoked': z.object({
    tableId: Id.optional(),
    adminId: Id.optional(),
    sessionId: Id.optional(),
    wholeStore: z.boolean().optional(),
    guestsOnly: z.boolean().optional(),
  }),
} as const;

export type EventType = keyof typeof EventData;
export const EVENT_TYPES = Object.keys(EventData) as EventType[];

export type EventPayload<T extends EventType = EventType> = z.infer<(typeof EventData)[T]>;

/**
 * A domain event as services emit it. `tableId` routes it to that table's streams too
 * (`otherTableIds` to more tables: a move or merge names both); `sessionId` says which visit it
 * belongs to, so a guest's phone sees only its own visit.
 */
export type DomainEvent = {
  [T in EventType]: {
    type: T;
    data: EventPayload<T>;
    tableId?: string | null;
    otherTableIds?: string[];
    sessionId?: string | null;
  };
}[EventType];

/** Events that stay on the server: streams act on them, clients never see them. */
export const INTERNAL_EVENTS: readonly EventType[] = ['access.revoked'];

/** Events a table's tablet and its guests' phones receive (besides resync), for their table. */
export const TABLE_STREAM_EVENTS: readonly EventType[] = [
  'order.created',
  'order.updated',
  'order.deleted',
  'order.moved',
  'session.ended',
  'session.moved',
  'session.merged',
  'call.created',
  'call.updated',
  'cart.updated',
  'payment.created',
  'payment.deleted',
  'menu.updated',
];

/** Events that end a table's visit: a table stream never replays anything from before the last one. */
export const VISIT_BOUNDARY_EVENTS: readonly EventType[] = ['session.ended', 'session.moved'];
