import { Alert, Button, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '@shared/ui/error-text';

/** How long staff hold the logo before the setup check appears; guests do not find it by tapping. */
export const STAFF_HOLD_MS = 3_000;

/**
 * Wraps the logo: a long press asks for the table password, and only a correct one (checked by
 * signing in) lets staff reach the setup screen. Without `verify` the long press alone opens it:
 * for a tablet whose password no longer works, where the setup form's own sign-in is the check.
 */
export function StaffGate({
  children,
  verify,
  onUnlocked,
}: {
  children: ReactNode;
  verify?: (password: string) => Promise<boolean>;
  onUnlocked: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hold = useRef<ReturnType<typeof setTimeout> | null>(null);

  const cancelHold = () => {
    if (hold.current) clearTimeout(hold.current);
    hold.current = null;
  };
  useEffect(
    () => () => {
      if (hold.current) clearTimeout(hold.current);
    },
    [],
  );

  const close = () => {
    setAsking(false);
    setPassword('');
    setError(null);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!password || !verify) return;
    setBusy(true);
    setError(null);
    try {
      if (await verify(password)) {
        close();
        onUnlocked();
      } else {
        setError(t('staff.wrong'));
      }
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a hidden staff gesture, deliberately not a control guests can find */}
      <div
        data-testid="staff-gate"
        style={{ userSelect: 'none', WebkitTouchCallout: 'none', touchAction: 'manipulation' }}
        onPointerDown={() => {
          cancelHold();
          hold.current = setTimeout(() => {
            hold.current = null;
            if (verify) setAsking(true);
            else onUnlocked();
          }, STAFF_HOLD_MS);
        }}
        onPointerUp={cancelHold}
        onPointerLeave={cancelHold}
        onPointerCancel={cancelHold}
        onContextMenu={(e) => e.preventDefault()}
      >
        {children}
      </div>
      <Modal
        opened={asking}
        onClose={close}
        title={
          <Text fz={22} fw={800}>
            {t('staff.title')}
          </Text>
        }
        centered
        closeButtonProps={{ size: 'xl', 'aria-label': t('common:actions.close') }}
        radius="lg"
        padding="xl"
        data-testid="staff-check"
      >
        <form onSubmit={submit}>
          <Stack gap="md">
            <Text c="dimmed">{t('staff.description')}</Text>
            <PasswordInput
              size="lg"
              label={t('staff.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              autoComplete="off"
              data-autofocus
              name="staffPassword"
            />
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <Button type="submit" size="xl" loading={busy} disabled={!password}>
              {t('staff.submit')}
            </Button>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
