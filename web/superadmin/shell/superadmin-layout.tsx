import { AppShell, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageToggle } from '@shared/ui/language-toggle';
import { type SuperadminPrincipal, session } from '../lib/session';

export function SuperadminLayout({ principal }: { principal: SuperadminPrincipal }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 60 }} padding={{ base: 'sm', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text component={Link} to="/" fw={800} c="orange.7" style={{ textDecoration: 'none' }} truncate>
              {t('app.brand')}
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="sm" truncate>
              {t('app.title')}
            </Text>
            <Group gap={4} wrap="nowrap" component="nav" aria-label={t('app.title')}>
              {[
                { to: '/', label: t('sales.stores') },
                { to: '/sales', label: t('sales.nav') },
              ].map((link) => {
                const active =
                  link.to === '/' ? pathname === '/' || pathname.startsWith('/stores') : pathname.startsWith(link.to);
                return (
                  <Button
                    key={link.to}
                    component={Link}
                    to={link.to}
                    size="xs"
                    variant={active ? 'light' : 'subtle'}
                    color={active ? 'orange' : 'gray'}
                    aria-current={active ? 'page' : undefined}
                  >
                    {link.label}
                  </Button>
                );
              })}
            </Group>
          </Group>
          {/* On a phone only what is needed stays: the language and signing out. */}
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <LanguageToggle />
            <Text size="sm" fw={600} visibleFrom="sm">
              {principal.username}
            </Text>
            <Button variant="subtle" color="gray" size="xs" onClick={() => session.signOut()}>
              {t('common:actions.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
