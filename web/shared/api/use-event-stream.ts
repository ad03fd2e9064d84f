import { useEffect, useRef, useState } from 'react';
import { type EventStreamOptions, openEventStream, type StreamEvent, type StreamState } from './event-stream';

/**
 * Keeps one SSE stream open while mounted (and `enabled`). Handlers may change between renders
 * without reconnecting; the last cursor survives a remount through `cursorKey` in sessionStorage.
 */
export function useEventStream(options: {
  url: string;
  enabled: boolean;
  getToken: EventStreamOptions['getToken'];
  onEvent: (event: StreamEvent) => void;
  onAuthError?: EventStreamOptions['onAuthError'];
  cursorKey?: string;
}): StreamState {
  const [state, setState] = useState<StreamState>({ status: 'connecting', downSince: null, attempt: 0 });
  const handlers = useRef(options);
  handlers.current = options;

  useEffect(() => {
    if (!options.enabled) return;
    const key = options.cursorKey;
    const stream = openEventStream({
      url: options.url,
      lastEventId: key ? sessionStorage.getItem(key) : null,
      getToken: () => handlers.current.getToken(),
      onAuthError: (status) => handlers.current.onAuthError?.(status) ?? false,
      onState: setState,
      onEvent: (event) => {
        if (key && event.id) sessionStorage.setItem(key, event.id);
        handlers.current.onEvent(event);
      },
    });
    return () => stream.close();
  }, [options.url, options.enabled, options.cursorKey]);

  return state;
}
