import type { OrderItem } from '@contract/orders';

/** The chosen options of a line, as staff read them: "보통, 라면사리". */
export const optionsText = (item: Pick<OrderItem, 'options'>): string =>
  item.options.map((option) => option.name).join(', ');

/**
 * A line in one breath, for summaries: "김치찌개(보통, 라면사리) ×2 “덜 맵게”" — or, with
 * `alwaysCount`, "김치찌개(보통, 라면사리) × 2 “덜 맵게”" and "콜라 × 1" as history lists them.
 */
export function itemText(
  item: Pick<OrderItem, 'name' | 'quantity' | 'options' | 'note'>,
  { alwaysCount = false }: { alwaysCount?: boolean } = {},
): string {
  const options = item.options.length > 0 ? `(${optionsText(item)})` : '';
  const quantity = alwaysCount ? ` × ${item.quantity}` : item.quantity > 1 ? ` ×${item.quantity}` : '';
  const note = item.note ? ` “${item.note}”` : '';
  return `${item.name}${options}${quantity}${note}`;
}
