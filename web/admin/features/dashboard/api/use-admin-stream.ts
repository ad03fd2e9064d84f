import { useEffect, useRef } from 'react';
import { notifyAdminEvent, notifyAdminStreamOpen } from '@admin/lib/admin-stream-listeners';
import { learnCall } from '@admin/lib/calls-api';
import { callOfEvent, callRings } from '@admin/lib/calls-cache';
import { queryKeys } from '@admin/lib/query-keys';
import { queryClient, session } from '@admin/lib/session';
import type { Dashboard } from '@contract/orders';
import type { StreamEvent, StreamState } from '@shared/api/event-stream';
import { useEventStream } from '@shared/api/use-event-stream';
import { newOrderSound } from '../utils/new-order-sound';
import { adminEventEffects } from './admin-events';

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

/** Applies one store event to the caches of every admin screen. */
export function applyAdminEvent(event: StreamEvent): void {
  const effects = adminEventEffects(event, queryClient.getQueryData(queryKeys.dashboard));
  if (effects.patch) patchDashboard(effects.patch);
  for (const queryKey of effects.invalidate) void queryClient.invalidateQueries({ queryKey });
  if (effects.chime) newOrderSound.play();
  notifyAdminEvent(event);
  const call = callOfEvent(event);
  if (call) {
    const rings = callRings(queryClient.getQueryData(queryKeys.calls('open')), call);
    learnCall(call);
    void queryClient.invalidateQueries({ queryKey: queryKeys.history(call.tableId) });
    if (rings) newOrderSound.playCall();
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
    notifyAdminStreamOpen();
    if (before === 'reconnecting') refetchEverything();
    else {
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard });
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls('open') });
    }
  }, [state.status]);

  return state;
}
