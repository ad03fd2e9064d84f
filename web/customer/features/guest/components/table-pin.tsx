import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTableSession } from '../api/table-service';

/** The visit's PIN on the tablet, for guests joining with their phones (only where the store asks for it). */
export function TablePin() {
  const { t } = useTranslation();
  const pin = useTableSession().data?.session?.pin;
  if (!pin) return null;
  return (
    <Badge
      size="xl"
      color="orange"
      variant="light"
      data-testid="table-pin"
      aria-label={t('guest.pinBadgeLabel', { pin })}
    >
      {t('guest.pinBadge', { pin })}
    </Badge>
  );
}
