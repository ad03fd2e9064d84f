import { useTranslation } from 'react-i18next';
import { formatMoney } from '@shared/lib/format';

/** Formats won in the guest's chosen language (`12,000원` in Korean, `₩12,000` otherwise). */
export function useMoney(): (amount: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return (amount) => formatMoney(amount, language);
}
