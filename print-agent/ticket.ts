import type { PrintJob } from '../contract/kitchen.js';
import { EscPos, textWidth, wrap } from './escpos.js';

/** The headline of each kind of ticket, after the station's name. */
const KIND_LABEL: Record<PrintJob['kind'], string> = {
  order: '',
  reprint: '재출력',
  void: '취소',
  move: '이동',
};
const SOURCE_LABEL: Record<string, string> = { table: '', guest: '손님 폰', staff: '직원 주문' };

function timeIn(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat('ko-KR', {
    timeZone: timezone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** Text of several lines (notes may have line breaks), each wrapped to `columns`. */
const paragraphs = (text: string, columns: number) => text.split(/\r?\n/).flatMap((part) => wrap(part, columns));

/** `left` and `right` on one line of `columns`, padded between. */
function spread(left: string, right: string, columns: number): string {
  const gap = Math.max(1, columns - textWidth(left) - textWidth(right));
  return `${left}${' '.repeat(gap)}${right}`;
}

/**
 * One kitchen ticket as ESC/POS bytes: the station and kind, store, table, order number and
 * time, each line with its quantity, options and note, the order's note, then a cut. Lines are
 * printed double height (readable at arm's length on a busy pass) within `columns`.
 */
export function renderTicket(job: PrintJob, columns = 42): Buffer {
  const { ticket } = job;
  const p = new EscPos().init();
  const rule = (char: string) => p.line(char.repeat(columns));
  const kind = KIND_LABEL[job.kind];

  p.align('center').size(2, 2).bold(true);
  p.line(kind ? `[${job.stationName}] ${kind}` : `[${job.stationName}]`);
  p.size(1, 1).bold(false).line(ticket.storeName);
  p.align('left');
  rule('=');
  p.size(2, 2).bold(true).line(`테이블 ${ticket.tableNumber}`);
  p.size(1, 1).bold(false);
  const source = SOURCE_LABEL[ticket.source] ?? '';
  p.line(
    spread(`주문 #${ticket.orderNo}${source ? ` (${source})` : ''}`, timeIn(ticket.createdAt, job.timezone), columns),
  );
  if (job.kind !== 'order') p.line(spread(`${kind} 시각`, timeIn(job.createdAt, job.timezone), columns));
  rule('-');

  for (const line of ticket.lines) {
    const quantity = job.kind === 'void' ? `-${line.quantity}` : `${line.quantity}`;
    p.size(1, 2).bold(true);
    const nameColumns = columns - textWidth(quantity) - 1;
    const [first = '', ...rest] = wrap(line.name, nameColumns);
    p.line(spread(first, quantity, columns));
    for (const more of rest) p.line(more);
    p.size(1, 1).bold(false);
    if (line.options.length > 0) for (const text of wrap(`  + ${line.options.join(', ')}`, columns)) p.line(text);
    if (line.note) for (const text of paragraphs(`  * ${line.note}`, columns)) p.line(text);
  }
  rule('-');
  if (ticket.note) {
    p.size(1, 2).bold(true);
    for (const text of paragraphs(`요청: ${ticket.note}`, columns)) p.line(text);
    p.size(1, 1).bold(false);
  }
  if (job.kind === 'void' && ticket.reason)
    for (const text of paragraphs(`사유: ${ticket.reason}`, columns)) p.line(text);
  return p.feed(3).cut().bytes();
}
