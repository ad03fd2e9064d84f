import { useTranslation } from 'react-i18next';
import { BowlIcon } from '../components/icons';
import classes from './app-logo.module.css';

/** The app's mark in the tablet's header and on its lock screen (where staff hold it to reach setup). */
export function AppLogo() {
  const { t } = useTranslation();
  return (
    <div className={classes.logo} title={t('appName')}>
      <BowlIcon size={28} />
    </div>
  );
}
