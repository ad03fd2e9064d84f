import { Button, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useNow } from '@shared/lib/use-now';
import { BellIcon } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { useOrderOutbox } from '../features/order/stores/order-outbox';
import { StaffGate } from '../features/setup/components/staff-gate';
import { type DeviceState, device } from '../lib/device';
import { AppLogo } from './app-logo';
import classes from './lock-screen.module.css';

type Locked = Extract<DeviceState, { kind: 'locked' }>;

/**
 * What a set-up tablet shows when it cannot sign in: a friendly request to call staff for the
 * guests, the reason in small print for staff, and — while the stored password may still work —
 * the next attempt it makes by itself. Staff reach the setup form with the long press on the logo.
 */
export function LockScreen({ state }: { state: Locked }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const outbox = useOrderOutbox();
  const now = useNow(1_000);
  const seconds = state.retryAt ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : null;
  const tableNumber = state.table?.number ?? state.place.tableNumber;

  return (
    <div className={classes.lock} data-testid="lock-screen" data-reason={state.reason}>
      <div className={classes.top}>
        <StaffGate onUnlocked={() => navigate('/setup', { state: { unlocked: true } })}>
          <AppLogo />
        </StaffGate>
        <Text fw={700} fz="lg" className={classes.place} data-testid="lock-table">
          {state.table ? `${state.table.storeName} · ` : ''}
          {t('tableLabel', { number: tableNumber })}
        </Text>
        <LanguageSwitch />
      </div>
      <div className={classes.body}>
        <div className={classes.bell}>
          <BellIcon size={56} />
        </div>
        <Title order={1} className={classes.title}>
          {t('lock.title')}
        </Title>
        <Text fz={20} c="gray.7" ta="center">
          {t(state.reason === 'revoked' ? 'lock.textStaff' : 'lock.textWait')}
        </Text>
        {outbox.pending && (
          <Text fz="lg" fw={700} c="orange.8" ta="center" data-testid="lock-pending-order">
            {t('lock.pendingOrder')}
          </Text>
        )}
      </div>
      <div className={classes.foot}>
        <Text fz="sm" c="dimmed" ta="center" data-testid="lock-reason">
          {t(`lock.reason.${state.reason}`)}
        </Text>
        {seconds !== null && (
          <div className={classes.retry}>
            <Text fz="sm" c="dimmed">
              {seconds > 0 ? t('lock.retryIn', { seconds }) : t('lock.retrying')}
            </Text>
            <Button variant="default" size="lg" onClick={() => void device.retryNow()} data-testid="lock-retry">
              {t('lock.retryNow')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
