import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorText } from '../../../../shared/ui/error-text';
import { LanguageToggle } from '../../../../shared/ui/language-toggle';
import { session } from '../../../lib/session';
import { useSignIn } from '../api/sign-in';

export function SignInPage() {
  const { t } = useTranslation();
  const current = session.useSession();
  const location = useLocation();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  if (current) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const reason = session.reason();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    signIn.mutate({ username: username.trim(), password });
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={420} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2}>{t('app.title')}</Title>
                <Text c="dimmed" size="sm">
                  {t('signIn.subtitle')}
                </Text>
              </div>
              <LanguageToggle />
            </Group>
            {reason && !signIn.error ? (
              <Alert color="yellow" data-testid="sign-in-notice">
                {t(`signIn.reason.${reason}`)}
              </Alert>
            ) : null}
            {signIn.error ? (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {errorText(t, signIn.error)}
              </Alert>
            ) : null}
            <TextInput
              label={t('common:account.username')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={missing && !username.trim() ? t('signIn.required') : undefined}
              autoCapitalize="none"
              autoComplete="username"
              name="username"
            />
            <PasswordInput
              label={t('common:account.password')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={missing && !password ? t('signIn.required') : undefined}
              autoComplete="current-password"
              name="password"
            />
            <Button type="submit" size="md" loading={signIn.isPending} fullWidth>
              {t('common:actions.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
