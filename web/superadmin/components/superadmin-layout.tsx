import { AppShell, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageToggle } from '../../shared/ui/language-toggle';
import { type SuperadminPrincipal, session } from '../lib/session';

export function SuperadminLayout({ principal }: { principal: SuperadminPrincipal }) {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="lg">
            <Text component={Link} to="/" fw={800} c="orange.7" style={{ textDecoration: 'none' }}>
              {t('app.brand')}
            </Text>
            <Text c="dimmed" size="sm">
              {t('app.title')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageToggle />
            <Text size="sm" fw={600}>
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
