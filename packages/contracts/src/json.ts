import { z } from 'zod';

/** Keys customers and tenants may use for traits and properties: no prototype tricks, no dots-only. */
const attributeKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_$][\w$.-]*$/, 'must start with a letter, _ or $ and use letters, digits, _ $ . -')
  .refine((key) => !['__proto__', 'constructor', 'prototype'].includes(key), 'is a reserved name');

/** A flat attribute value: what GrowthBook targeting and the console can compare. */
export const attributeValue = z.union([z.string().max(1024), z.number().finite(), z.boolean(), z.null()]);

/** Traits: at most 50 flat attributes. */
export const traits = z.record(attributeKey, attributeValue).refine((t) => Object.keys(t).length <= 50, 'has more than 50 keys');
export type Traits = z.infer<typeof traits>;

/** Free-form JSON objects (event properties, context), bounded in size when serialised. */
export function boundedJsonObject(maxBytes: number) {
  return z.record(attributeKey, z.json()).refine((value) => JSON.stringify(value).length <= maxBytes, `is larger than ${maxBytes} bytes`);
}
