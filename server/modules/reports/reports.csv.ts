import type { OrderSource } from '../../../contract/orders.js';
import { SALES_CSV_HEADER } from '../../../contract/reports.js';
import type { ItemOption } from '../../db/schema/index.js';

/** UTF-8's byte order mark: Excel reads a CSV without it in the system's code page (CP949 here). */
export const BOM = '\uFEFF';
const CRLF = '\r\n';

/** How the CSV names where an order came from. */
const SOURCE_LABELS: Record<OrderSource, string> = { table: '테이블', guest: '손님 휴대폰', staff: '직원' };

/**
 * One cell, RFC 4180: quoted when it holds a comma, a quote or a line break (quotes doubled). Text
 * starting with `=`, `+`, `-` or `@` gets a leading `'`, so a guest's note never runs as a
 * spreadsheet formula (a leading tab or carriage return too, which some spreadsheets skip before
 * reading one); numbers are written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: Array<string | number | null>): string {
  return cells.map(csvCell).join(',') + CRLF;
}

/** The header row, BOM first: the first bytes of every export. */
export function csvHead(): string {
  return BOM + csvLine([...SALES_CSV_HEADER]);
}

/** Chosen options as one cell: `맵기: 매운맛, 사리 추가: 치즈(+1500)`. */
export function optionsText(options: ItemOption[]): string {
  return options
    .map((option) => `${option.groupName}: ${option.name}${option.price > 0 ? `(+${option.price})` : ''}`)
    .join(', ');
}

/** One order line as the export writes it; amounts in won, the time in the store's time zone. */
export interface CsvLine {
  /** `YYYY-MM-DD HH:MM:SS`, store time. */
  orderedAt: string;
  tableNumber: number;
  orderNo: number;
  name: string;
  options: ItemOption[];
  note: string | null;
  quantity: number;
  voidedQuantity: number;
  unitPrice: number;
  subtotal: number;
  source: OrderSource;
}

export function csvRow(line: CsvLine): string {
  return csvLine([
    line.orderedAt,
    line.tableNumber,
    line.orderNo,
    line.name,
    optionsText(line.options),
    line.note,
    line.quantity,
    line.voidedQuantity,
    line.unitPrice,
    line.subtotal,
    SOURCE_LABELS[line.source],
  ]);
}
