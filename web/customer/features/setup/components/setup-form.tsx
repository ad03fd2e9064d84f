import { Alert, Button, NumberInput, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TableLoginBody } from '@contract/auth';
import { ErrorCodes } from '@contract/errors';
import { ApiError } from '@shared/api/client';
import { errorText } from '@shared/ui/error-text';

type Errors = Partial<Record<'storeCode' | 'tableNumber' | 'password', string>>;

/** Store code, table number and table password; the caller signs in with them. */
export function SetupForm({
  initial,
  onSubmit,
}: {
  initial: Partial<TableLoginBody>;
  onSubmit: (credentials: TableLoginBody) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [storeCode, setStoreCode] = useState(initial.storeCode ?? '');
  const [tableNumber, setTableNumber] = useState<string | number>(initial.tableNumber ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const code = storeCode.trim().toLowerCase();
    const number = typeof tableNumber === 'number' ? tableNumber : Number.parseInt(tableNumber, 10);
    const next: Errors = {};
    if (!code) next.storeCode = t('setup.required');
    if (!Number.isInteger(number) || number < 1 || number > 999) next.tableNumber = t('setup.tableNumberRange');
    if (!password) next.password = t('setup.required');
    setErrors(next);
    setFailure(null);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await onSubmit({ storeCode: code, tableNumber: number, password });
    } catch (error) {
      let text = errorText(t, error);
      if (error instanceof ApiError && error.code === ErrorCodes.storeInactive) text = t('setup.inactive');
      else if (error instanceof ApiError && (error.code === ErrorCodes.invalidCredentials || error.status === 401))
        text = t('setup.invalid');
      setFailure(text);
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="setup-form">
      <Stack gap="md">
        <TextInput
          size="lg"
          label={t('setup.storeCode')}
          placeholder={t('setup.storeCodePlaceholder')}
          value={storeCode}
          onChange={(e) => setStoreCode(e.currentTarget.value)}
          error={errors.storeCode}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoComplete="off"
          name="storeCode"
        />
        <NumberInput
          size="lg"
          label={t('setup.tableNumber')}
          value={tableNumber}
          onChange={setTableNumber}
          error={errors.tableNumber}
          min={1}
          max={999}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          inputMode="numeric"
          name="tableNumber"
        />
        <PasswordInput
          size="lg"
          label={t('setup.password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          autoComplete="off"
          name="password"
        />
        {failure && (
          <Alert color="red" variant="light" role="alert" data-testid="setup-error">
            {failure}
          </Alert>
        )}
        <Button type="submit" size="xl" loading={busy} data-testid="setup-submit">
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
