import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WifiOffIcon } from '@customer/components/icons';
import { orderOutbox, useOrderOutbox } from '../stores/order-outbox';

/** A confirmed order that has not reached the server yet: visible, so nobody orders twice. */
export function PendingOrderBanner() {
  const { t } = useTranslation();
  const outbox = useOrderOutbox();
  const [now, setNow] = useState(() => Date.now());
  const visible = outbox.pending !== null && outbox.waitingSince !== null;

  useEffect(() => {
    if (!visible) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [visible]);

  if (!visible) return null;
  const seconds = outbox.retryAt ? Math.max(0, Math.ceil((outbox.retryAt - now) / 1000)) : 0;
  return (
    <Alert
      color="orange"
      variant="filled"
      radius={0}
      icon={outbox.phase === 'sending' ? <Loader size="sm" color="white" /> : <WifiOffIcon />}
      role="status"
      data-testid="pending-order"
      styles={{ root: { flexShrink: 0 } }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Text fw={800} fz="lg">
            {t('order.pendingTitle')}
          </Text>
          <Text fz="sm">{t('order.pendingText')}</Text>
        </div>
        <Group gap="sm" wrap="nowrap">
          {outbox.phase === 'waiting' && seconds > 0 && (
            <Text fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {t('order.pendingNext', { seconds })}
            </Text>
          )}
          <Button
            variant="white"
            color="orange"
            size="md"
            disabled={outbox.phase === 'sending'}
            onClick={() => orderOutbox.retryNow()}
          >
            {t('order.pendingRetry')}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
