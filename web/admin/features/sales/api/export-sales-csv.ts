import { useMutation } from '@tanstack/react-query';
import { api } from '@admin/lib/session';
import type { DateRange } from '@shared/lib/date-ranges';
import { rangeQuery } from './get-sales-report';

/**
 * Downloads the sales CSV with the session's token in the Authorization header (never in a URL)
 * and hands the file to the browser to save.
 */
export async function exportSalesCsv(range: DateRange): Promise<string> {
  const { blob, filename } = await api.download(
    `/admin/reports/sales.csv${rangeQuery(range)}`,
    `sales-${range.from}-${range.to}.csv`,
  );
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // After the click has started the download; revoking at once can cancel it in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return filename;
}

export function useExportSalesCsv() {
  return useMutation({ mutationFn: exportSalesCsv });
}
