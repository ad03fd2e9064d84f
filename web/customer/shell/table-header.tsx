import { ActionIcon, Badge, Button, Indicator } from '@mantine/core';
import { useMediaQuery, useNetwork } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { EasyModeToggle } from '../components/easy-mode-toggle';
import { ReceiptIcon, WifiOffIcon } from '../components/icons';
import { LanguageSwitch } from '../components/language-switch';
import { CallButton } from '../features/calls/components/call-button';
import { TablePin } from '../features/guest/components/table-pin';
import { useMenu } from '../features/menu/api/get-menu';
import { StaffGate } from '../features/setup/components/staff-gate';
import type { TableInfo } from '../lib/device';
import { AppLogo } from './app-logo';
import classes from './shell.module.css';

export function TableHeader({
  table,
  orderCount,
  verifyStaff,
  onStaffUnlocked,
}: {
  table: TableInfo;
  orderCount: number;
  verifyStaff: (password: string) => Promise<boolean>;
  onStaffUnlocked: () => void;
}) {
  const { t } = useTranslation();
  const { online } = useNetwork();
  const narrow = useMediaQuery('(max-width: 600px)', false, { getInitialValueInEffect: false });
  // Upright tablets too: with the call button beside it, a labelled link leaves the store's name no room.
  const compactOrders = useMediaQuery('(max-width: 900px)', false, { getInitialValueInEffect: false });
  const menu = useMenu();
  return (
    <header className={classes.header}>
      <div className={classes.brand}>
        <StaffGate verify={verifyStaff} onUnlocked={onStaffUnlocked}>
          <AppLogo />
        </StaffGate>
        <span className={classes.storeName} data-testid="store-name">
          {table.storeName}
        </span>
        <span className={classes.tableBadge} data-testid="table-number">
          {t('tableLabel', { number: table.number })}
        </span>
      </div>
      <div className={classes.actions}>
        <TablePin />
        {!online && (
          <Badge color="gray" size="lg" variant="filled" leftSection={<WifiOffIcon size={14} />}>
            {t('header.offline')}
          </Badge>
        )}
        {!narrow && (
          <NavLink to="/" end>
            {({ isActive }) => (
              <Button
                size="lg"
                variant={isActive ? 'light' : 'subtle'}
                color={isActive ? 'orange' : 'dark'}
                component="span"
              >
                {t('header.menu')}
              </Button>
            )}
          </NavLink>
        )}
        <NavLink to="/orders" data-testid="nav-orders">
          {({ isActive }) => (
            <Indicator label={orderCount} size={20} disabled={orderCount === 0} color="orange" offset={4}>
              {compactOrders ? (
                <ActionIcon
                  size={44}
                  variant={isActive ? 'light' : 'subtle'}
                  color={isActive ? 'orange' : 'dark'}
                  component="span"
                  aria-label={t('header.myOrders')}
                >
                  <ReceiptIcon size={24} />
                </ActionIcon>
              ) : (
                <Button
                  size="lg"
                  variant={isActive ? 'light' : 'subtle'}
                  color={isActive ? 'orange' : 'dark'}
                  component="span"
                  leftSection={<ReceiptIcon size={20} />}
                >
                  {t('header.myOrders')}
                </Button>
              )}
            </Indicator>
          )}
        </NavLink>
        <EasyModeToggle compact={compactOrders} />
        <CallButton tableId={table.id} reasons={menu.data?.callReasons ?? []} />
        <LanguageSwitch />
      </div>
    </header>
  );
}
