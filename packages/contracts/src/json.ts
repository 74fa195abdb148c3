import { z } from 'zod';

/** Keys customers and tenants may use for traits and properties: no prototype tricks, no dots-only. */
const attributeKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_$][\w$.-]*$/, 'must start with a letter, _ or $ and use letters, digits, _ $ . -')
  .refine((key) => !['__proto__', 'constructor', 'prototype'].includes(key), 'is a reserved name');

// Postgres refuses NUL in text and jsonb, and a lone UTF-16 surrogate is not text at all: both
// are answered 400 naming the field, before they reach the database as a 500.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);
const UNSTORABLE_MESSAGE = 'contains a NUL character or a lone surrogate';

/** A string that can be stored and shown: no NUL, no lone surrogate. */
export const safeString = () => z.string().refine(storable, UNSTORABLE_MESSAGE);

/** A flat attribute value: what GrowthBook targeting and the console can compare. */
export const attributeValue = z.union([safeString().max(1024), z.number().finite(), z.boolean(), z.null()]);

/** Nesting past this is refused rather than walked: no legitimate event needs it. */
export const MAX_JSON_DEPTH = 16;

/** The first reason `value` cannot be stored as JSON (too deep, an unstorable string), or null. Iterative: depth cannot overflow it. */
function jsonProblem(value: unknown): string | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node === 'string') {
      if (!storable(node)) return UNSTORABLE_MESSAGE;
    } else if (node && typeof node === 'object') {
      if (depth >= MAX_JSON_DEPTH) return `nests deeper than ${MAX_JSON_DEPTH} levels`;
      for (const [key, child] of Object.entries(node)) {
        if (!storable(key)) return UNSTORABLE_MESSAGE;
        stack.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/** Traits: at most 50 flat attributes. */
export const traits = z.record(attributeKey, attributeValue).refine((t) => Object.keys(t).length <= 50, 'has more than 50 keys');
export type Traits = z.infer<typeof traits>;

/** Free-form JSON objects (event properties, context), bounded in size when serialised. */
export function boundedJsonObject(maxBytes: number) {
  return z
    .unknown()
    .check((ctx) => {
      const problem = jsonProblem(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    })
    .pipe(z.record(attributeKey, z.json()).refine((value) => JSON.stringify(value).length <= maxBytes, `is larger than ${maxBytes} bytes`));
}

/**
 * A period's check, for `.refine(...periodInOrder)` on an object with ISO `from` and `to` (either may
 * be absent): a `to` before `from` is a 400 naming `to`, not an empty answer that looks like no data.
 */
export const periodInOrder: [
  (period: { from?: string | undefined; to?: string | undefined }) => boolean,
  { message: string; path: string[] },
] = [
  (period) => !period.from || !period.to || Date.parse(period.from) <= Date.parse(period.to),
  { message: 'must not be before from', path: ['to'] },
];
