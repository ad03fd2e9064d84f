import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { ReceiptIcon } from '../components/icons';
import { codeInHand } from '../features/guest/api/join-table';
import { GuestNotice } from '../features/guest/components/guest-notice';
import { JoinScreen } from '../features/guest/components/join-screen';
import { apiMode, useGuestSession } from '../lib/guest-session';
import { PhoneLayout } from '../shell/phone-layout';

/**
 * `/q/<code>`, the address on the table's QR code: the code is taken into memory and the address
 * bar loses it at once (history.replaceState through the router), before anything else happens.
 */
export function ScanRoute() {
  const { code } = useParams();
  if (code) codeInHand.take(code);
  return <Navigate to="/q" replace />;
}

/** `/q`: a guest's phone — joining, at the table, or out (visit over, code changed, no code). */
export function GuestRoute() {
  const { t } = useTranslation();
  const state = useGuestSession();
  const code = codeInHand.peek();
  apiMode.set('guest');
  useEffect(() => {
    document.title = t('appName');
  }, [t]);

  if (code) return <JoinScreen key={code} code={code} />;
  if (state.kind === 'joined') return <PhoneLayout key={state.session.token} session={state.session} />;
  if (state.kind === 'over') {
    const revoked = state.reason === 'revoked';
    return (
      <GuestNotice
        testId="guest-visit-over"
        icon={<ReceiptIcon size={36} />}
        title={t(revoked ? 'guest.revokedTitle' : 'guest.overTitle')}
        text={t(revoked ? 'guest.revokedText' : 'guest.overText')}
      />
    );
  }
  return (
    <GuestNotice
      testId="guest-scan"
      icon={<ReceiptIcon size={36} />}
      title={t('guest.scanTitle')}
      text={t('guest.scanText')}
    />
  );
}
