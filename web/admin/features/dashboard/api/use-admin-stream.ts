import { useEffect, useRef } from 'react';
import { queryKeys } from '@admin/lib/query-keys';
import { queryClient, session } from '@admin/lib/session';
import { EventData, type EventPayload, type EventType } from '@contract/events';
import type { Dashboard } from '@contract/orders';
import type { StreamEvent, StreamState } from '@shared/api/event-stream';
import { useEventStream } from '@shared/api/use-event-stream';
import { newOrderSound } from '../utils/new-order-sound';
import { findOrder, withOrderCreated, withOrderDeleted, withOrderUpdated, withSessionEnded } from './dashboard-cache';

function patchDashboard(patch: (data: Dashboard) => Dashboard) {
  queryClient.setQueryData<Dashboard>(queryKeys.dashboard, (data) => data && patch(data));
  // A snapshot being fetched right now may predate this event and would overwrite it: ask again.
  if (queryClient.isFetching({ queryKey: queryKeys.dashboard }) > 0) {
    void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
  }
}

function refetchEverything() {
  void queryClient.invalidateQueries({ queryKey: queryKeys.all });
}

function isKnownType(type: string): type is EventType {
  return Object.hasOwn(EventData, type);
}

/** Applies one store event to the caches of every admin screen. */
export function applyAdminEvent(event: StreamEvent): void {
  if (!isKnownType(event.type)) return;
  const parsed = EventData[event.type].safeParse(event.data);
  if (!parsed.success) {
    refetchEverything();
    return;
  }
  // Validated against the contract just above.
  const data = parsed.data;
  switch (event.type) {
    case 'order.created': {
      const { order } = data as EventPayload<'order.created'>;
      const known = findOrder(queryClient.getQueryData(queryKeys.dashboard), order.id);
      patchDashboard((data) => withOrderCreated(data, order));
      // A first order opens the table's session, which the tables screen shows.
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
      // New orders are flagged by their status (see new-orders.ts); a replayed event rings no bell.
      if (!known) newOrderSound.play();
      break;
    }
    case 'order.updated': {
      const { order } = data as EventPayload<'order.updated'>;
      patchDashboard((data) => withOrderUpdated(data, order));
      break;
    }
    case 'order.deleted': {
      const { orderId, tableId } = data as EventPayload<'order.deleted'>;
      patchDashboard((data) => withOrderDeleted(data, tableId, orderId));
      void queryClient.invalidateQueries({ queryKey: queryKeys.history(tableId) });
      break;
    }
    case 'session.ended': {
      const { tableId, sessionId } = data as EventPayload<'session.ended'>;
      patchDashboard((data) => withSessionEnded(data, tableId, sessionId));
      void queryClient.invalidateQueries({ queryKey: queryKeys.history(tableId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
      break;
    }
    case 'table.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.tables });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
      break;
    case 'menu.updated':
      void queryClient.invalidateQueries({ queryKey: queryKeys.categories });
      void queryClient.invalidateQueries({ queryKey: queryKeys.menus });
      break;
    case 'resync':
      refetchEverything();
      break;
  }
}

/**
 * The store's event stream, open while signed in on any admin screen. Each time the stream
 * (re)opens the dashboard is fetched again: events replayed by Last-Event-ID fill the gap too,
 * but a fresh snapshot also covers a cursor the server no longer has.
 */
export function useAdminStream(): StreamState {
  const current = session.useSession();
  const state = useEventStream({
    url: '/api/v1/admin/stream',
    enabled: current !== null,
    getToken: session.token,
    onEvent: applyAdminEvent,
    onAuthError: (status) => {
      if (status === 401) session.signOut('unauthorized');
      return false;
    },
  });

  const previous = useRef(state.status);
  useEffect(() => {
    const before = previous.current;
    previous.current = state.status;
    if (state.status !== 'open' || before === 'open') return;
    if (before === 'reconnecting') refetchEverything();
    else void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
  }, [state.status]);

  return state;
}
