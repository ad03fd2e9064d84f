import { useTranslation } from 'react-i18next';
import { SignInScreen } from '../../../../shared/ui/sign-in-screen';
import { session } from '../../../lib/session';
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
