import { useTranslation } from 'react-i18next';
import { SignInScreen } from '@shared/ui/sign-in-screen';
import { session } from '@superadmin/lib/session';
import { useSignIn } from '../api/sign-in';

export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  return (
    <SignInScreen
      session={session}
      title={t('app.title')}
      subtitle={t('signIn.subtitle')}
      signIn={signIn}
      onSubmit={(values) => signIn.mutateAsync(values)}
    />
  );
}
