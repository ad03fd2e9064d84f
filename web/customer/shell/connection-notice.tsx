import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamState } from '@shared/api/event-stream';
import { WifiOffIcon } from '../components/icons';
import { useOrderOutbox } from '../features/order/stores/order-outbox';
import classes from './shell.module.css';

/** Long enough to ride out a server restart or a Wi-Fi hand-over without alarming anyone. */
const NOTICE_AFTER_MS = 5_000;

/**
 * A quiet strip under the header while the live stream has been down for a few seconds: guests
 * learn before they order that it may take a moment (the order outbox sends it once the server
 * answers). Hidden while a pending order's own banner says as much.
 */
export function ConnectionNotice({ stream }: { stream: StreamState }) {
  const { t } = useTranslation();
  const outbox = useOrderOutbox();
  const [now, setNow] = useState(() => Date.now());
  const down = stream.status !== 'open' && stream.downSince !== null;

  useEffect(() => {
    if (!down) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [down]);

  if (!down || stream.downSince === null || now - stream.downSince < NOTICE_AFTER_MS) return null;
  if (outbox.pending) return null;
  return (
    <div className={classes.connectionNotice} role="status" data-testid="connection-notice">
      <WifiOffIcon size={18} />
      <span>{t('connection.unstable')}</span>
    </div>
  );
}
