import { Button, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CurrentTableSession } from '@contract/tables';
import { ApiError } from '@shared/api/client';
import { VISUALLY_HIDDEN } from '@shared/ui/visually-hidden';
import { openTable, tableSessionQueryKey } from '../api/table-service';
import { MAX_GUESTS, MIN_GUESTS, QUICK_GUEST_COUNTS, stepGuests } from '../utils/guest-count';
import classes from './guest-count-prompt.module.css';

/**
 * The tablet's first screen while no visit is open, when the store asks the guest count: the
 * guests pick how many they are and start, which opens the table's visit with that count. A
 * visit staff opened meanwhile (409 TABLE_HAS_OPEN_SESSION) simply lets them in.
 */
export function GuestCountPrompt() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [guests, setGuests] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  // Screen readers start at the question, as on a dialog.
  useEffect(() => heading.current?.focus(), []);

  const start = async () => {
    if (guests === null || busy) return;
    setBusy(true);
    setFailed(false);
    try {
      const session = await openTable(guests);
      queryClient.setQueryData<CurrentTableSession>(tableSessionQueryKey, (current) => ({
        askGuestCount: current?.askGuestCount ?? true,
        session,
      }));
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'TABLE_HAS_OPEN_SESSION')) {
        setFailed(true);
        return;
      }
    } finally {
      setBusy(false);
    }
    // Whoever opened it, the visit as it is now (its PIN, its count).
    void queryClient.invalidateQueries({ queryKey: tableSessionQueryKey });
  };

  return (
    <section className={classes.page} aria-labelledby={headingId} data-testid="guest-count-prompt">
      <form
        className={classes.card}
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <Title order={1} id={headingId} ref={heading} tabIndex={-1} fz={34} fw={800}>
          {t('guestCount.title')}
        </Title>
        <Text fz="lg" c="gray.8">
          {t('guestCount.text')}
        </Text>
        <fieldset className={classes.grid}>
          <legend style={VISUALLY_HIDDEN}>{t('guestCount.quick')}</legend>
          {QUICK_GUEST_COUNTS.map((n) => (
            <Button
              key={n}
              className={classes.count}
              color="orange"
              variant={guests === n ? 'filled' : 'default'}
              aria-pressed={guests === n}
              onClick={() => setGuests(n)}
              data-testid={`guest-count-${n}`}
            >
              {t('guestCount.people', { count: n })}
            </Button>
          ))}
        </fieldset>
        <fieldset className={classes.stepper}>
          <legend style={VISUALLY_HIDDEN}>{t('guestCount.more')}</legend>
          <Button
            className={classes.step}
            variant="default"
            radius="xl"
            px={0}
            aria-label={t('guestCount.fewer')}
            disabled={guests === null || guests <= MIN_GUESTS}
            onClick={() => setGuests((value) => stepGuests(value, -1))}
            data-testid="guest-count-minus"
          >
            −
          </Button>
          <output className={classes.value} aria-live="polite" data-testid="guest-count-value">
            {guests === null ? t('guestCount.none') : t('guestCount.people', { count: guests })}
          </output>
          <Button
            className={classes.step}
            variant="default"
            radius="xl"
            px={0}
            aria-label={t('guestCount.moreOne')}
            disabled={guests !== null && guests >= MAX_GUESTS}
            onClick={() => setGuests((value) => stepGuests(value, 1))}
            data-testid="guest-count-plus"
          >
            +
          </Button>
        </fieldset>
        {failed && (
          <Text role="alert" c="red.8" fw={600}>
            {t('guestCount.failed')}
          </Text>
        )}
        <Button
          type="submit"
          className={classes.start}
          color="orange"
          disabled={guests === null}
          loading={busy}
          data-testid="guest-count-start"
        >
          {t('guestCount.start')}
        </Button>
      </form>
    </section>
  );
}
