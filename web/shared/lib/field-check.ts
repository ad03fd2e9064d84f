import type { ZodType } from 'zod';

/**
 * Checks form values with the contract's own zod schemas (the rules the server applies) and
 * returns the names of the fields that fail; screens explain each in their own words.
 */
export function invalidFields<K extends string>(
  rules: Partial<Record<K, ZodType>>,
  values: Partial<Record<K, unknown>>,
): K[] {
  const failed: K[] = [];
  for (const name of Object.keys(rules) as K[]) {
    const rule = rules[name];
    if (rule && !rule.safeParse(values[name]).success) failed.push(name);
  }
  return failed;
}
