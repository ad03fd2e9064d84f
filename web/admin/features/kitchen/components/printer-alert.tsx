import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { stationsQuery } from '../api/get-stations';
import { useKitchenLive } from '../api/use-kitchen-live';

/**
 * Mounted once in the admin shell: keeps the kitchen's caches live, and says so on every screen
 * when a printer went offline (the print agent reports each printer every few seconds; a silent
 * agent is marked offline by the server after 30 s).
 */
export function PrinterAlert() {
  const { t } = useTranslation();
  useKitchenLive();
  const stations = useQuery(stationsQuery);
  const offline = (stations.data ?? []).filter((s) => s.printer && s.printerStatus.online === false);
  if (offline.length === 0) return null;
  return (
    <Alert color="red" variant="filled" role="alert" data-testid="printer-alert" title={t('printer.offline')}>
      {t('printer.alert', { names: offline.map((s) => s.name).join(', ') })}
    </Alert>
  );
}
