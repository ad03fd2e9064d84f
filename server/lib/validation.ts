import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

const NUL = '\u0000';
/** Enough to name the fields; a body built to carry thousands of NULs gets no more work. */
const MAX_ISSUES = 10;

interface Node {
  value: unknown;
  key?: PropertyKey;
  parent?: Node;
}

const pathOf = (node: Node): PropertyKey[] => {
  const path: PropertyKey[] = [];
  for (let at: Node | undefined = node; at?.parent; at = at.parent) path.push(at.key as PropertyKey);
  return path.reverse();
};

/**
 * Adds an issue for every string (object keys included) that contains the NUL character. Walked
 * with a stack and parent links, so a deeply nested body neither exhausts the call stack nor costs
 * a copied path per value.
 */
function rejectNul(value: unknown, ctx: z.RefinementCtx): void {
  const stack: Node[] = [{ value }];
  let issues = 0;
  const report = (node: Node, message: string) => {
    ctx.addIssue({ code: 'custom', path: pathOf(node), message });
    issues++;
  };
  for (let node = stack.pop(); node && issues < MAX_ISSUES; node = stack.pop()) {
    const current = node.value;
    if (typeof current === 'string') {
      if (current.includes(NUL)) report(node, 'must not contain NUL (\\u0000)');
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        stack.push({ value: current[index], key: index, parent: node });
      }
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(NUL)) report(node, 'keys must not contain NUL (\\u0000)');
        else stack.push({ value: item, key, parent: node });
      }
    }
  }
}

/**
 * The zod validator compiler, with one rule for every body, query string, params and headers
 * schema: no string may carry NUL. PostgreSQL refuses that byte in text (a 500 otherwise), and no
 * field of the contract has a use for it; the answer is the usual 400 VALIDATION_FAILED naming the
 * field. Checked before the route's schema, so the route's own parsing never sees it.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const guarded = z.unknown().superRefine(rejectNul).pipe(route.schema);
  return zodValidatorCompiler({ ...route, schema: guarded });
};
