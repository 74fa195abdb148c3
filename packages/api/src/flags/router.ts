import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { findCustomer } from '../customers/index.ts';
import { visitorProcedure } from '../trpc.ts';
import { DbStickyBucketService } from './sticky-buckets.ts';

/** The identifier attributes experiments hash on (flagAttributes): the customer (or visitor) and the device. */
const IDENTIFIERS = ['id', 'deviceId'] as const;
const value = z.string().min(1).max(128);
/** `${experimentKey}__${bucketVersion}` → the variation's meta key, as the SDK writes them. */
const assignments = z
  .record(
    z.string().regex(/^[\w.-]{1,80}__\d{1,6}$/, 'an experiment key and bucket version, as the SDK writes them'),
    z.string().min(1).max(40),
  )
  .refine((doc) => Object.keys(doc).length <= 100, 'at most 100 experiments per document');

/**
 * Which documents the caller may read and write: a customer only their own `id`; a visitor only
 * an `id` that is no customer's (their anonymous id); anyone their own browser's `deviceId`.
 */
async function mayUse(
  ctx: { db: Parameters<typeof findCustomer>[0]; tenant: { id: string }; customer: { externalId: string } | null },
  name: (typeof IDENTIFIERS)[number],
  attributeValue: string,
) {
  if (name === 'deviceId') return true;
  if (ctx.customer) return ctx.customer.externalId === attributeValue;
  return !(await findCustomer(ctx.db, ctx.tenant.id, attributeValue));
}

/**
 * GrowthBook sticky buckets for the browser's SDK (widget-kit's BffStickyBucketService), the same
 * rows the server's evaluations use: a customer keeps their variation across pages, devices and
 * a marketer's ramp.
 */
export const stickyBucketsRouter = {
  get: visitorProcedure.input(z.object({ attributes: z.partialRecord(z.enum(IDENTIFIERS), value) })).query(async ({ ctx, input }) => {
    const allowed: Record<string, string> = {};
    for (const name of IDENTIFIERS) {
      const attributeValue = input.attributes[name];
      if (attributeValue && (await mayUse(ctx, name, attributeValue))) allowed[name] = attributeValue;
    }
    return new DbStickyBucketService(ctx.db, ctx.tenant.id).getAllAssignments(allowed);
  }),

  save: visitorProcedure
    .input(z.object({ attributeName: z.enum(IDENTIFIERS), attributeValue: value, assignments }))
    .mutation(async ({ ctx, input }) => {
      if (!(await mayUse(ctx, input.attributeName, input.attributeValue))) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'attributeValue: only your own id and device keep sticky buckets here' });
      }
      await new DbStickyBucketService(ctx.db, ctx.tenant.id).saveAssignments(input);
      return { saved: true };
    }),
} satisfies TRPCRouterRecord;

/**
 * The copy of a string feature's variations, per language: what marketers wrote in the console
 * (or pulled into experiments/). The payload serves a variation's id (it is the value); the widget
 * shows its text, and falls back to its own messages for a variation without texts.
 */
export const copyRouter = {
  texts: visitorProcedure
    .input(z.object({ key: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'a feature key, e.g. referral-center.headline') }))
    .query(async ({ ctx, input }) => {
      const { features } = await ctx.deps.flags.store.definitionsFor(ctx.tenant.id, { cached: true });
      const variations = features.find((f) => f.key === input.key)?.variations ?? [];
      return Object.fromEntries(variations.flatMap((v) => (v.texts ? [[v.id, v.texts]] : [])));
    }),
} satisfies TRPCRouterRecord;
