/**
 * A bill split equally among `people`: every share is the amount divided and rounded down, the
 * remainder goes on the last share (50,000원 by 3 → 16,666 + 16,666 + 16,668).
 */
export function equalShares(amount: number, people: number): number[] {
  const n = Math.max(1, Math.floor(people));
  if (amount <= 0) return [];
  const each = Math.floor(amount / n);
  if (each === 0) return [amount];
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? amount - each * (n - 1) : each));
}

/** What a person who had these lines pays: Σ unit price × how many of each they had. */
export function itemsShare(lines: Array<{ unitPrice: number; quantity: number }>): number {
  return lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
}
