/**
 * Finds environment variables that look like settings of ours but are not: a misspelling
 * (`JWT_SECRET`, `LOG_LVL`), a short form (`DB_URL`, `DATABASE_POOL`), a lower-case copy, or a
 * name under one of our prefixes that we do not read (`SSE_MAX_STREAMS`). Such a variable
 * silently does nothing, so start-up names it. Only names are looked at, never values.
 */
export interface LookalikeOptions {
  /** Every name the server reads, aliases included. */
  known: readonly string[];
  /** Names other programs read from the same environment (the AWS SDK, the shell, systemd …). */
  ignored: readonly string[];
  /** First segments (`JWT` of `JWT_SECRET_KEY`) too generic to claim every name under them. */
  sharedPrefixes: readonly string[];
}

export interface Lookalike {
  name: string;
  /** The setting it probably means, when one is close enough to say. */
  suggestion: string | undefined;
}

/** Short forms people write for our words. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/^DB_/, 'DATABASE_'],
  [/_EXPIRATION_/, '_EXPIRE_'],
  [/_EXPIRY_/, '_EXPIRE_'],
];

export function findLookalikes(names: Iterable<string>, options: LookalikeOptions): Lookalike[] {
  const known = new Set(options.known);
  const ignored = new Set(options.ignored);
  const prefixes = new Set(
    options.known
      .map((name) => name.split('_')[0] as string)
      .filter((segment) => segment.length > 0 && !options.sharedPrefixes.includes(segment)),
  );
  const found: Lookalike[] = [];
  for (const name of names) {
    if (known.has(name) || ignored.has(name)) continue;
    const upper = name.toUpperCase();
    if (upper !== name) {
      // Environment names are case-sensitive: `database_url` is not DATABASE_URL.
      if (known.has(upper)) found.push({ name, suggestion: upper });
      continue;
    }
    const suggestion = closest(name, options.known);
    const underOurPrefix = prefixes.has(name.split('_')[0] as string) && name.includes('_');
    if (suggestion || underOurPrefix) found.push({ name, suggestion });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The known name this one most likely means: a short form, a truncation, or a small typo. */
function closest(name: string, known: readonly string[]): string | undefined {
  let expanded = name;
  for (const [pattern, replacement] of ABBREVIATIONS) expanded = expanded.replace(pattern, replacement);
  if (expanded !== name && known.includes(expanded)) return expanded;
  // `JWT_SECRET` for JWT_SECRET_KEY, `DATABASE_POOL` for DATABASE_POOL_SIZE.
  const longer = known.find((k) => k.startsWith(`${expanded}_`));
  if (longer) return longer;
  // Distance 1 for short names, 2 for longer ones: HOME and HOST are two letters apart.
  const budget = expanded.length >= 7 ? 2 : expanded.length >= 5 ? 1 : 0;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    if (Math.abs(candidate.length - expanded.length) > budget) continue;
    const distance = editDistance(expanded, candidate);
    if (distance <= budget && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
