import { Alert, Button, CloseButton, Group, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorCodes } from '@contract/errors';
import type { CallReason } from '@contract/menus';
import { BellIcon, CheckIcon, WifiOffIcon } from '@customer/components/icons';
import { useNow } from '@shared/lib/use-now';
import { callOutbox, useCallOutbox } from '../stores/call-outbox';
import { callBanner, nextBannerChange } from '../stores/call-state';
import { reasonNames } from '../utils/reason-name';

/**
 * The table's call as guests see it, under the header: on its way (offline), "직원을 불렀어요"
 * while staff have not handled it, then "확인했어요" for a while once they have.
 */
export function CallStatus({ presets }: { presets: CallReason[] }) {
  const { t, i18n } = useTranslation();
  const state = useCallOutbox();
  const [hidden, setHidden] = useState<string | null>(null);
  // "Seen" and refusals go away by themselves: render again when their time is up.
  const [tick, setTick] = useState(0);
  const changesAt = nextBannerChange(state, Date.now());
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-arms the timer after it fired
  useEffect(() => {
    if (changesAt === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.max(0, changesAt - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [changesAt, tick]);

  const banner = callBanner(state, Date.now());
  if (!banner) return null;
  if (banner.kind === 'refused') return <RefusedCall code={banner.code} />;
  if (banner.kind === 'waiting') return <WaitingCall sending={banner.sending} retryAt={banner.retryAt} />;
  const key = `${banner.kind}:${banner.call.id}`;
  if (hidden === key) return null;

  const seen = banner.kind === 'seen';
  const names = reasonNames(banner.call.reasons, presets, i18n.language);
  return (
    <Alert
      color={seen ? 'teal' : 'orange'}
      variant={seen ? 'filled' : 'light'}
      radius={0}
      icon={seen ? <CheckIcon /> : <BellIcon />}
      role="status"
      aria-live="polite"
      data-testid="call-status"
      data-state={banner.kind}
      styles={{ root: { flexShrink: 0 } }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Text fw={800} fz="lg">
            {seen ? t('calls.seen') : t('calls.called')}
            {names.length > 0 && (
              <Text span fw={600} fz="md" ml={8}>
                · {names.join(', ')}
              </Text>
            )}
          </Text>
          <Text fz="sm">{seen ? t('calls.seenHint') : t('calls.calledHint')}</Text>
        </div>
        {seen && (
          <CloseButton
            size="xl"
            variant="transparent"
            c="white"
            aria-label={t('calls.dismiss')}
            onClick={() => setHidden(key)}
          />
        )}
      </Group>
    </Alert>
  );
}

/** A call waiting for the connection, with when it is tried again and a button to try now. */
function WaitingCall({ sending, retryAt }: { sending: boolean; retryAt: number | null }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  return (
    <Alert
      color="gray"
      variant="filled"
      radius={0}
      icon={sending ? <Loader size="sm" color="white" /> : <WifiOffIcon />}
      role="status"
      data-testid="call-status"
      data-state="waiting"
      styles={{ root: { flexShrink: 0 } }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div>
          <Text fw={800} fz="lg">
            {sending ? t('calls.sending') : t('calls.waiting')}
          </Text>
          <Text fz="sm">{t('calls.waitingHint')}</Text>
        </div>
        {!sending && (
          <Button variant="white" color="dark" size="md" onClick={() => callOutbox.retryNow()}>
            {seconds > 0 ? `${t('calls.retryNow')} (${seconds})` : t('calls.retryNow')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** The server refused the call: too many calls already, presets changed, or another reason. */
function RefusedCall({ code }: { code: string }) {
  const { t } = useTranslation();
  const tooMany = code === ErrorCodes.rateLimited;
  return (
    <Alert
      color={tooMany ? 'orange' : 'red'}
      variant="filled"
      radius={0}
      icon={<BellIcon />}
      role="alert"
      data-testid="call-status"
      data-state="refused"
      styles={{ root: { flexShrink: 0 } }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text fw={700} fz="lg">
          {tooMany ? t('calls.tooMany') : code === ErrorCodes.validationFailed ? t('calls.changed') : t('calls.failed')}
        </Text>
        <CloseButton
          size="xl"
          variant="transparent"
          c="white"
          aria-label={t('calls.dismiss')}
          onClick={() => callOutbox.dismissRefusal()}
        />
      </Group>
    </Alert>
  );
}
