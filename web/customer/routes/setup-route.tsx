import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { TableLoginBody } from '@contract/auth';
import { BowlIcon } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { callOutbox } from '../features/calls/stores/call-outbox';
import { cart } from '../features/cart/stores/cart-store';
import { orderOutbox } from '../features/order/stores/order-outbox';
import { SetupForm } from '../features/setup/components/setup-form';
import { device, useDevice } from '../lib/device';
import { notify } from '../lib/notify';
import classes from './routes.module.css';

/**
 * First-run setup (and setup again after the staff gesture): staff sign the tablet in to a table.
 * A configured tablet, working or locked, only gets here through the staff gesture.
 */
export function SetupRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const state = useDevice();
  const unlocked = (location.state as { unlocked?: boolean } | null)?.unlocked === true;
  if (state.kind !== 'unconfigured' && !unlocked) return <Navigate to="/" replace />;

  const submit = async (credentials: TableLoginBody) => {
    const previousTable = device.lastTableId();
    const res = await device.setup(credentials);
    if (previousTable !== res.table.id) {
      // Moved to another table: the old table's cart, pending order and data do not belong here.
      cart.clear();
      queryClient.removeQueries();
    }
    orderOutbox.discardForOtherTable(res.table.id);
    callOutbox.discardForOtherTable(res.table.id);
    void queryClient.invalidateQueries();
    notify(t('setup.done', { store: res.table.storeName, number: res.table.number }), 'green');
    navigate('/', { replace: true });
  };

  const initial: Partial<TableLoginBody> =
    state.kind === 'ready' ? state.credentials : state.kind === 'locked' ? state.place : {};
  return (
    <div className={classes.setup}>
      <div className={classes.setupCard} data-testid="setup">
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <div className={classes.setupLogo}>
              <BowlIcon size={32} />
            </div>
            <LanguageSwitch />
          </Group>
          <div>
            <Text fw={700} c="orange.8">
              {t('appName')}
            </Text>
            <Title order={1} fz={30}>
              {t('setup.title')}
            </Title>
            <Text c="dimmed" mt={6}>
              {t('setup.subtitle')}
            </Text>
          </div>
          {state.kind === 'locked' && state.reason === 'revoked' && (
            <Alert color="red" variant="light" role="alert" data-testid="setup-revoked">
              {t('setup.revoked')}
            </Alert>
          )}
          <SetupForm initial={{ storeCode: initial.storeCode, tableNumber: initial.tableNumber }} onSubmit={submit} />
          {state.kind !== 'unconfigured' && (
            <Button size="lg" variant="subtle" color="gray" onClick={() => navigate('/', { replace: true })}>
              {t('setup.cancel')}
            </Button>
          )}
        </Stack>
      </div>
    </div>
  );
}
