import { useTranslation } from 'react-i18next';
import { session } from '@admin/lib/session';
import { SignInScreen } from '@shared/ui/sign-in-screen';
import { lastStoreCode, useSignIn } from '../api/sign-in';

export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  return (
    <SignInScreen
      session={session}
      title={t('app.title')}
      subtitle={t('signIn.subtitle')}
      fields={[
        {
          name: 'storeCode',
          label: t('signIn.storeCode'),
          placeholder: 'demo',
          autoComplete: 'organization',
          initial: lastStoreCode.get() ?? '',
        },
      ]}
      signIn={signIn}
      onSubmit={(values) => signIn.mutateAsync({ ...values, storeCode: values.storeCode.toLowerCase() })}
    />
  );
}
