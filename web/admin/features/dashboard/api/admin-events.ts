import type { QueryKey } from '@tanstack/react-query';
import { queryKeys } from '@admin/lib/query-keys';
import { EventData, type EventPayload, type EventType } from '@contract/events';
import type { Dashboard } from '@contract/orders';
import type { StreamEvent } from '@shared/api/event-stream';
import { findOrder, withOrderCreated, withOrderDeleted, withOrderUpdated, withSessionEnded } from './dashboard-cache';

/** What one store event does to the admin app's caches, decided without touching them. */
export interface AdminEventEffects {
  /** The change to the cached board, when the event carries what it needs to make it in place. */
  patch: ((board: Dashboard) => Dashboard) | null;
  /** Queries to fetch again, in this order: what the event does not carry, or may have changed. */
  invalidate: QueryKey[];
  /** A new order the board did not know yet: ring. A replayed event rings nothing. */
  chime: boolean;
}

const nothing: AdminEventEffects = { patch: null, invalidate: [], chime: false };
const everything: AdminEventEffects = { patch: null, invalidate: [queryKeys.all], chime: false };

function isKnownType(type: string): type is EventType {
  return Object.hasOwn(EventData, type);
}

/**
 * The effects of one event of the admin stream given the board as cached (`undefined` before the
 * first snapshot). An event that does not match the contract refetches everything rather than
 * guess; a type this app does not know is ignored.
 */
export function adminEventEffects(event: StreamEvent, board: Dashboard | undefined): AdminEventEffects {
  if (!isKnownType(event.type)) return nothing;
  const parsed = EventData[event.type].safeParse(event.data);
  if (!parsed.success) return everything;
  // Validated against the contract just above.
  const data = parsed.data;
  switch (event.type) {
    case 'order.created': {
      const { order } = data as EventPayload<'order.created'>;
      return {
        patch: (current) => withOrderCreated(current, order),
        // A first order opens the table's session, which the tables screen shows.
        invalidate: [queryKeys.tables, ['admin', 'bill']],
        // New orders are flagged by their status (see new-orders.ts); the chime is for arrivals.
        chime: !findOrder(board, order.id),
      };
    }
    case 'order.updated': {
      const { order } = data as EventPayload<'order.updated'>;
      // A void changes what is due.
      return { patch: (current) => withOrderUpdated(current, order), invalidate: [['admin', 'bill']], chime: false };
    }
    case 'order.deleted': {
      const { orderId, tableId } = data as EventPayload<'order.deleted'>;
      return {
        patch: (current) => withOrderDeleted(current, tableId, orderId),
        invalidate: [queryKeys.history(tableId)],
        chime: false,
      };
    }
    case 'session.ended': {
      const { tableId, sessionId } = data as EventPayload<'session.ended'>;
      return {
        patch: (current) => withSessionEnded(current, tableId, sessionId),
        invalidate: [queryKeys.history(tableId), queryKeys.tables],
        chime: false,
      };
    }
    case 'order.moved':
    case 'session.moved':
    case 'session.merged':
      // Orders changed tables (ids and numbers kept): the board and both tables' bills are read again.
      return {
        patch: null,
        invalidate: [queryKeys.dashboard, queryKeys.tables, ['admin', 'bill'], queryKeys.historyAll],
        chime: false,
      };
    case 'payment.created':
    case 'payment.deleted':
      // Paid and due on the cards and in the checkout, live.
      return { patch: null, invalidate: [queryKeys.dashboard, ['admin', 'bill']], chime: false };
    case 'table.updated':
      // Also sent for a deleted table, which the event cannot tell apart: the lists are fetched again.
      return { patch: null, invalidate: [queryKeys.tables, queryKeys.dashboard], chime: false };
    case 'menu.updated':
      return {
        patch: null,
        invalidate: [queryKeys.categories, queryKeys.menus, queryKeys.optionGroups, queryKeys.callReasons],
        chime: false,
      };
    case 'settings.updated':
      // The PIN shows on the table cards only while the store asks phones for it.
      return { patch: null, invalidate: [queryKeys.settings, queryKeys.dashboard], chime: false };
    case 'resync':
      return everything;
    default:
      return nothing;
  }
}
