import { AppShell, Button, Group, Menu, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { ConnectionIndicator, StaleBanner } from '../../shared/ui/connection-indicator';
import { LanguageToggle } from '../../shared/ui/language-toggle';
import { useAdminStream } from '../features/dashboard/api/use-admin-stream';
import { type StaffPrincipal, session } from '../lib/session';

const NAV = [
  { to: '/', key: 'nav.dashboard', ownerOnly: false },
  { to: '/tables', key: 'nav.tables', ownerOnly: false },
  { to: '/menus', key: 'nav.menus', ownerOnly: false },
  { to: '/staff', key: 'nav.staff', ownerOnly: true },
] as const;

/**
 * The frame of every signed-in screen. The store's event stream lives here, not on the dashboard,
 * so every screen stays current and the connection state is always in sight.
 */
export function AdminLayout({ principal }: { principal: StaffPrincipal }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const stream = useAdminStream();
  const isActive = (to: string) => (to === '/' ? pathname === '/' : pathname.startsWith(to));

  return (
    <AppShell header={{ height: 64 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap" style={{ minWidth: 0 }}>
            <Stack gap={0}>
              <Text fw={800} c="orange.7" lh={1.1}>
                {t('app.brand')}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="store-name">
                {principal.storeName}
              </Text>
            </Stack>
            <ScrollArea type="never">
              <Group gap={4} wrap="nowrap">
                {NAV.filter((item) => !item.ownerOnly || principal.role === 'owner').map((item) => (
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
            </ScrollArea>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ConnectionIndicator state={stream} />
            <LanguageToggle />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.account')}>
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
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Stack gap="md">
          <StaleBanner state={stream} />
          <Outlet />
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
