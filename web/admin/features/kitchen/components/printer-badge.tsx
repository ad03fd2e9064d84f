import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Station } from '@contract/kitchen';

/** A station's printer as the print agent last reported it, in words and colour. */
export function PrinterBadge({ station, size = 'md' }: { station: Station; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  if (!station.printer) {
    return (
      <Badge color="gray" variant="outline" size={size}>
        {t('printer.none')}
      </Badge>
    );
  }
  const { online, error } = station.printerStatus;
  const [color, label] =
    online === true
      ? ['teal', t('printer.online')]
      : online === false
        ? ['red', t('printer.offline')]
        : ['gray', t('printer.unknown')];
  return (
    <Badge
      color={color}
      variant={online === false ? 'filled' : 'light'}
      size={size}
      title={error ?? undefined}
      data-testid="printer-state"
      data-online={String(online)}
    >
      {label}
    </Badge>
  );
}
