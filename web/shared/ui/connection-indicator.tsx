import { Alert, Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamState } from '../api/event-stream';

const COLORS = { open: 'green', connecting: 'yellow', reconnecting: 'orange', closed: 'red' } as const;

export function ConnectionIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[state.status]}
      variant="dot"
      size="lg"
      data-testid="connection-indicator"
      data-status={state.status}
      // Never squeezed into "실시간 연…": the state must be readable at a glance.
      style={{ flexShrink: 0, overflow: 'visible' }}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {t(`common:connection.${state.status}`)}
    </Badge>
  );
}

/** After `afterMs` without a live stream, a banner says plainly that the screen may be stale. */
export function StaleBanner({ state, afterMs = 5_000 }: { state: StreamState; afterMs?: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const down = state.status !== 'open' && state.downSince !== null;
  useEffect(() => {
    if (!down) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [down]);
  if (!down || state.downSince === null || now - state.downSince < afterMs) return null;
  return (
    <Alert color="red" variant="filled" role="alert" data-testid="stale-banner">
      {t('common:connection.stale')}
    </Alert>
  );
}
