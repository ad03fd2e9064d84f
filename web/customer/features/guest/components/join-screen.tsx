import { Alert, Button, Loader, NumberInput, PinInput, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReceiptIcon, WifiOffIcon } from '@customer/components/icons';
import { guestSession } from '@customer/lib/guest-session';
import { ApiError } from '@shared/api/client';
import { codeInHand, type JoinRefusal, joinTable, refusalOf } from '../api/join-table';
import { GuestNotice } from './guest-notice';
import classes from './guest-page.module.css';

/**
 * Exchanges the scanned code for a token: at once when nothing more is needed, else after the
 * PIN (stores that require one) or the guest count (a phone opening the table). The code is
 * forgotten once the phone has joined.
 */
export function JoinScreen({ code }: { code: string }) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<JoinRefusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [pin, setPin] = useState('');
  const [guests, setGuests] = useState<number | string>(2);
  const asked = useRef<{ pin?: string; guests?: number }>({});

  const join = useCallback(
    async (extra: { pin?: string; guests?: number } = {}) => {
      asked.current = { ...asked.current, ...extra };
      setBusy(true);
      try {
        const joined = await joinTable({ code, ...asked.current });
        codeInHand.forget();
        guestSession.join(joined);
      } catch (error) {
        const refused =
          error instanceof ApiError
            ? refusalOf({ status: error.status, code: error.code, details: error.details })
            : ({ kind: 'failed' } as const);
        if (refused.kind === 'pin') setPin('');
        setRefusal(refused);
      } finally {
        setBusy(false);
      }
    },
    [code],
  );

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void join();
  }, [join]);

  if (refusal === null || (busy && refusal.kind !== 'pin' && refusal.kind !== 'guests')) {
    return (
      <main className={classes.page} aria-busy="true" data-testid="guest-joining">
        <Loader color="orange" size="lg" />
        <Text fz="lg">{t('guest.joining')}</Text>
      </main>
    );
  }

  if (refusal.kind === 'pin' || refusal.kind === 'guests') {
    const isPin = refusal.kind === 'pin';
    return (
      <main className={classes.page}>
        <form
          className={classes.card}
          data-testid={isPin ? 'guest-pin' : 'guest-count'}
          onSubmit={(event) => {
            event.preventDefault();
            if (isPin && /^\d{4}$/.test(pin)) void join({ pin });
            if (!isPin && typeof guests === 'number') void join({ guests });
          }}
        >
          <Title order={1} fz={24}>
            {t(isPin ? 'guest.pinTitle' : 'guest.guestsTitle')}
          </Title>
          <Text c="gray.8">{t(isPin ? 'guest.pinText' : 'guest.guestsText')}</Text>
          {isPin ? (
            <Stack gap={6} align="center">
              <Text component="label" htmlFor="guest-pin-input" fw={600}>
                {t('guest.pinLabel')}
              </Text>
              <PinInput
                id="guest-pin-input"
                length={4}
                type="number"
                size="xl"
                oneTimeCode
                value={pin}
                onChange={setPin}
                aria-label={t('guest.pinLabel')}
                autoFocus
              />
            </Stack>
          ) : (
            <NumberInput
              label={t('guest.guestsLabel')}
              size="xl"
              min={1}
              max={99}
              value={guests}
              onChange={setGuests}
              allowDecimal={false}
            />
          )}
          {isPin && refusal.wrong && (
            <Alert color="red" variant="light" role="alert">
              {t('guest.pinWrong')}
            </Alert>
          )}
          <Button
            type="submit"
            size="xl"
            loading={busy}
            disabled={isPin ? pin.length !== 4 : typeof guests !== 'number'}
          >
            {t('guest.join')}
          </Button>
        </form>
      </main>
    );
  }

  const retry = { label: t('guest.retry'), onClick: () => void join() };
  switch (refusal.kind) {
    case 'unknown-code':
      return (
        <GuestNotice
          testId="guest-unknown-code"
          icon={<ReceiptIcon size={36} />}
          title={t('guest.unknownTitle')}
          text={t('guest.unknownText')}
        />
      );
    case 'not-open':
      return (
        <GuestNotice
          testId="guest-not-open"
          icon={<ReceiptIcon size={36} />}
          title={t('guest.notOpenTitle')}
          text={t('guest.notOpenText')}
          action={retry}
        />
      );
    case 'off':
      return (
        <GuestNotice
          testId="guest-off"
          icon={<ReceiptIcon size={36} />}
          title={t('guest.offTitle')}
          text={t('guest.offText')}
        />
      );
    case 'inactive':
      return (
        <GuestNotice
          testId="guest-inactive"
          icon={<ReceiptIcon size={36} />}
          title={t('guest.inactiveTitle')}
          text={t('guest.inactiveText')}
        />
      );
    case 'too-many':
      return (
        <GuestNotice
          testId="guest-too-many"
          icon={<ReceiptIcon size={36} />}
          title={t('guest.tooManyTitle')}
          text={t('guest.tooManyText')}
          action={retry}
        />
      );
    case 'network':
      return (
        <GuestNotice
          testId="guest-network"
          icon={<WifiOffIcon size={36} />}
          title={t('guest.networkTitle')}
          text={t('guest.networkText')}
          action={retry}
        />
      );
    default:
      return (
        <GuestNotice
          testId="guest-failed"
          icon={<ReceiptIcon size={36} />}
          title={t('guest.failedTitle')}
          text={t('guest.networkText')}
          action={retry}
        />
      );
  }
}
