import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { SignOutReason } from '../auth/session';
import { useSubmitLock } from '../lib/use-submit-lock';
import { errorText } from './error-text';
import { LanguageToggle } from './language-toggle';

export interface SignInField<K extends string> {
  name: K;
  label: string;
  /** Passwords are sent as typed; every other field is trimmed. */
  type?: 'text' | 'password';
  autoComplete: string;
  placeholder?: string;
  initial?: string;
}

type Credential = 'username' | 'password';

export interface SignInScreenProps<K extends string> {
  session: { useSession: () => unknown; reason: () => SignOutReason };
  title: string;
  subtitle: string;
  /** Fields asked before the username and password (the store code). */
  fields?: SignInField<K>[];
  signIn: { isPending: boolean; error: unknown };
  /** Called once every field is filled in; while its promise is unsettled the form is locked. */
  onSubmit: (values: Record<K | Credential, string>) => Promise<unknown>;
}

const entered = (field: SignInField<string>, value: string) => (field.type === 'password' ? value : value.trim());

/**
 * The staff apps' sign-in card: username and password, after any fields of the app's own. Once
 * signed in it goes back to the page that sent the user here; after a session ended by itself it
 * says why.
 */
export function SignInScreen<K extends string = never>({
  session,
  title,
  subtitle,
  fields: leading = [],
  signIn,
  onSubmit,
}: SignInScreenProps<K>) {
  const { t } = useTranslation();
  const fields: SignInField<K | Credential>[] = [
    ...leading,
    { name: 'username', label: t('common:account.username'), autoComplete: 'username' },
    { name: 'password', label: t('common:account.password'), type: 'password', autoComplete: 'current-password' },
  ];
  const current = session.useSession();
  const location = useLocation();
  const [values, setValues] = useState(() =>
    Object.fromEntries(fields.map((field) => [field.name, field.initial ?? ''])),
  );
  const [missing, setMissing] = useState(false);
  const lock = useSubmitLock();

  if (current) {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const reason = session.reason();
  const value = (field: SignInField<K | Credential>) => values[field.name] ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.some((field) => !entered(field, value(field)))) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const filled = Object.fromEntries(fields.map((field) => [field.name, entered(field, value(field))]));
    lock.run(() => onSubmit(filled as Record<K | Credential, string>));
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="lg" w={420} maw="100%">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2}>{title}</Title>
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              </div>
              <LanguageToggle />
            </Group>
            {reason && !signIn.error ? (
              <Alert color="yellow" data-testid="sign-in-notice">
                {t(`common:signIn.reason.${reason}`)}
              </Alert>
            ) : null}
            {signIn.error ? (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {errorText(t, signIn.error)}
              </Alert>
            ) : null}
            {fields.map((field) => {
              const props = {
                label: field.label,
                value: value(field),
                onChange: (e: { currentTarget: { value: string } }) => {
                  const typed = e.currentTarget.value;
                  setValues((current) => ({ ...current, [field.name]: typed }));
                },
                error: missing && !entered(field, value(field)) ? t('common:signIn.required') : undefined,
                autoComplete: field.autoComplete,
                name: field.name,
              };
              return field.type === 'password' ? (
                <PasswordInput key={field.name} {...props} />
              ) : (
                <TextInput key={field.name} {...props} placeholder={field.placeholder} autoCapitalize="none" />
              );
            })}
            <Button type="submit" size="md" loading={signIn.isPending || lock.pending} fullWidth>
              {t('common:actions.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
