import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { session } from '@admin/lib/session';
import { PageHeader } from '@shared/ui/page-header';
import { LoadingState } from '@shared/ui/query-state';
import { useTables } from '../api/get-tables';
import { tableQrQuery } from '../api/table-qr';
import { QrCode } from './qr-code';
import classes from './qr-sheet.module.css';

/**
 * Every table's QR code on A4 sheets, to print and stick on the tables: store name, table number,
 * a short instruction in Korean and English. The codes are SVG, sharp at any printer resolution.
 */
export function QrSheetPage() {
  const { t } = useTranslation();
  const current = session.useSession();
  const tables = useTables();
  const list = tables.data ?? [];
  const codes = useQueries({ queries: list.map((table) => tableQrQuery(table.id)) });
  const ready = tables.isSuccess && codes.every((code) => code.isSuccess);
  const failed = codes.find((code) => code.isError);

  return (
    <Stack>
      <div className="no-print">
        <PageHeader
          title={t('qr.sheetTitle')}
          subtitle={t('qr.sheetSubtitle')}
          action={
            <Group>
              <Button onClick={() => window.print()} disabled={!ready} data-testid="qr-sheet-print">
                {t('qr.print')}
              </Button>
            </Group>
          }
        />
      </div>
      {failed?.error ? (
        <Alert color="red" className="no-print">
          {failed.error instanceof Error ? failed.error.message : t('qr.failed')}
        </Alert>
      ) : null}
      {!ready && !failed ? (
        <LoadingState />
      ) : (
        <div className={classes.sheet} data-testid="qr-sheet">
          {list.map((table, index) => {
            const qr = codes[index]?.data;
            if (!qr) return null;
            return (
              <section
                key={table.id}
                className={classes.card}
                data-testid="qr-sheet-card"
                data-table-number={table.number}
              >
                <span className={classes.store}>{current?.principal.storeName}</span>
                <span className={classes.number}>{t('qr.sheetTable', { number: table.number })}</span>
                <QrCode value={qr.url} size={150} label={t('qr.imageLabel', { number: table.number })} />
                <span className={classes.instruction}>
                  휴대폰 카메라로 찍어 바로 주문하세요
                  <br />
                  Scan with your phone camera to order
                </span>
              </section>
            );
          })}
          {list.length === 0 && <Text c="dimmed">{t('tables.none')}</Text>}
        </div>
      )}
    </Stack>
  );
}
