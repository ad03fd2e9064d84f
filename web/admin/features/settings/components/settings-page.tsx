import { Alert, Card, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { session } from '@admin/lib/session';
import { GUEST_ORDERING, type StoreSettings } from '@contract/guests';
import { errorText } from '@shared/ui/error-text';
import { PageHeader } from '@shared/ui/page-header';
import { ErrorState, LoadingState } from '@shared/ui/query-state';
import { useSettings, useUpdateSettings } from '../api/settings';

/** The store's settings for guests' own phones: owners change them, managers read them. */
export function SettingsPage() {
  const { t } = useTranslation();
  const current = session.useSession();
  const owner = current?.principal.role === 'owner';
  const settings = useSettings();
  const update = useUpdateSettings();

  const save = (body: Partial<StoreSettings>) =>
    update.mutate(body, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('settings.saved') }),
    });

  return (
    <Stack maw={720}>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {!owner && (
        <Alert color="gray" data-testid="settings-read-only">
          {t('settings.readOnly')}
        </Alert>
      )}
      {update.error ? <Alert color="red">{errorText(t, update.error)}</Alert> : null}
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <Card withBorder padding="lg" radius="md">
            <Radio.Group
              value={settings.data.guestOrdering}
              onChange={(value) => save({ guestOrdering: value as StoreSettings['guestOrdering'] })}
              label={
                <Title order={3} fz="lg">
                  {t('settings.guestOrdering')}
                </Title>
              }
              description={t('settings.guestOrderingHint')}
            >
              <Stack gap="sm" mt="md">
                {GUEST_ORDERING.map((mode) => (
                  <Radio
                    key={mode}
                    value={mode}
                    disabled={!owner || update.isPending}
                    label={t(`settings.mode.${mode}`)}
                    description={t(`settings.modeHint.${mode}`)}
                    data-testid={`settings-mode-${mode}`}
                  />
                ))}
              </Stack>
            </Radio.Group>
          </Card>
          <Card withBorder padding="lg" radius="md">
            <Stack gap="lg">
              <Switch
                size="md"
                checked={settings.data.askGuestCount}
                disabled={!owner || update.isPending}
                onChange={(event) => save({ askGuestCount: event.currentTarget.checked })}
                label={<Text fw={600}>{t('settings.askGuestCount')}</Text>}
                description={t('settings.askGuestCountHint')}
                data-testid="settings-ask-guests"
              />
              <Switch
                size="md"
                checked={settings.data.requirePin}
                disabled={!owner || update.isPending}
                onChange={(event) => save({ requirePin: event.currentTarget.checked })}
                label={<Text fw={600}>{t('settings.requirePin')}</Text>}
                description={t('settings.requirePinHint')}
                data-testid="settings-require-pin"
              />
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}
