import {
  AppShell,
  Box,
  Burger,
  Button,
  Divider,
  Drawer,
  Group,
  Menu,
  NavLink,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ConnectionIndicator, StaleBanner } from '@shared/ui/connection-indicator';
import { LanguageToggle } from '@shared/ui/language-toggle';
import { useCallsTitle } from '../features/calls/calls-title';
import { useAdminStream } from '../features/dashboard/api/use-admin-stream';
import { PrinterAlert } from '../features/kitchen/components/printer-alert';
import { type StaffPrincipal, session } from '../lib/session';

type Role = StaffPrincipal['role'];
const FLOOR: Role[] = ['owner', 'manager'];
const NAV: ReadonlyArray<{ to: string; key: string; roles: Role[] }> = [
  { to: '/', key: 'nav.dashboard', roles: FLOOR },
  { to: '/calls', key: 'calls.nav', roles: FLOOR },
  { to: '/tables', key: 'nav.tables', roles: FLOOR },
  { to: '/menus', key: 'nav.menus', roles: FLOOR },
  { to: '/option-groups', key: 'optionGroups.nav', roles: FLOOR },
  { to: '/kitchen', key: 'kitchen.nav', roles: ['owner', 'manager', 'kitchen'] },
  { to: '/stations', key: 'stations.nav', roles: FLOOR },
  { to: '/staff', key: 'nav.staff', roles: ['owner'] },
  { to: '/sales', key: 'sales.nav', roles: ['owner'] },
  { to: '/settings', key: 'settings.nav', roles: FLOOR },
];

/** From this width the links fit in the header; below it they live behind the burger. */
const WIDE = '(min-width: 62em)';

/**
 * The frame of every signed-in screen. The store's event stream lives here, not on the dashboard,
 * so every screen stays current and the connection state is always in sight, on a phone too.
 */
export function AdminLayout({ principal }: { principal: StaffPrincipal }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const stream = useAdminStream();
  useCallsTitle();
  const wide = useMediaQuery(WIDE, true, { getInitialValueInEffect: false });
  const [menuOpened, menu] = useDisclosure(false);
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));
  const links = NAV.filter((item) => item.roles.includes(principal.role));

  // Picking a screen (or growing the window past the breakpoint) closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => menu.close(), [pathname, wide]);

  return (
    <AppShell header={{ height: 64 }} padding={{ base: 'sm', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            {wide ? null : (
              <Burger
                opened={menuOpened}
                onClick={menu.toggle}
                size="sm"
                aria-label={t('nav.open')}
                aria-expanded={menuOpened}
                data-testid="nav-burger"
              />
            )}
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={800} c="orange.7" lh={1.1} truncate>
                {t('app.brand')}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="store-name">
                {principal.storeName}
              </Text>
            </Stack>
            {wide ? (
              <Group gap={4} wrap="nowrap" ml="md">
                {links.map((item) => (
                  <Button
                    key={item.to}
                    component={Link}
                    to={item.to}
                    variant={isActive(item.to) ? 'light' : 'subtle'}
                    color={isActive(item.to) ? 'orange' : 'gray'}
                    aria-current={isActive(item.to) ? 'page' : undefined}
                  >
                    {t(item.key)}
                  </Button>
                ))}
              </Group>
            ) : null}
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <ConnectionIndicator state={stream} />
            {wide ? (
              <>
                <LanguageToggle />
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <UnstyledButton>
                      <VisuallyHidden>{t('nav.account')}</VisuallyHidden>
                      <Text size="sm" fw={600}>
                        {principal.username}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`common:account.roles.${principal.role}`)}
                      </Text>
                    </UnstyledButton>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => session.signOut()}>{t('common:actions.signOut')}</Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </>
            ) : null}
          </Group>
        </Group>
      </AppShell.Header>

      <Drawer
        opened={!wide && menuOpened}
        onClose={menu.close}
        size={300}
        title={
          <Text fw={800} c="orange.7">
            {t('app.brand')}
          </Text>
        }
      >
        <Stack gap="md">
          <Box component="nav" aria-label={t('nav.label')}>
            {links.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={t(item.key)}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                color="orange"
                py="md"
                style={{ borderRadius: 8 }}
                fw={600}
              />
            ))}
          </Box>
          <Divider />
          <LanguageToggle size="md" />
          <Divider />
          <div>
            <Text fw={600}>{principal.username}</Text>
            <Text size="sm" c="dimmed">
              {principal.storeName} · {t(`common:account.roles.${principal.role}`)}
            </Text>
          </div>
          <Button variant="default" onClick={() => session.signOut()}>
            {t('common:actions.signOut')}
          </Button>
        </Stack>
      </Drawer>

      <AppShell.Main bg="gray.0">
        <Stack gap="md">
          <StaleBanner state={stream} />
          <PrinterAlert />
          <Outlet />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
