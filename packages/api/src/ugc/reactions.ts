import { schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { findCustomer } from '../customers/index.ts';
import { reaction } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';
import { settingsOf } from './settings.ts';

const sourceKey = (submissionId: string) => `ugc:${submissionId}:published`;

/**
 * A published submission earns its author points on the one ledger, once: the grant's source key
 * is the submission's. A takedown (or the author's withdrawal) reverses that grant. One author's
 * events arrive in order (the default subject); should a takedown still be handled first, the
 * publication finds the submission no longer public and grants nothing.
 */
const publishedRewards = reaction({
  name: 'ugc.rewards',
  on: ['ugc_published', 'ugc_taken_down'],
  from: ['domain'],
  async handle(ctx) {
    const { event } = ctx;
    const submissionId = String(event.properties.submission_id);
    if (event.event === 'ugc_taken_down') {
      await rewards.reverse(ctx, event.tenantId, sourceKey(submissionId));
      return;
    }
    const author = await findCustomer(ctx.tx, event.tenantId, event.userId as string);
    const [submission] = await ctx.tx
      .select({ status: schema.ugcSubmissions.status })
      .from(schema.ugcSubmissions)
      .where(and(eq(schema.ugcSubmissions.tenantId, event.tenantId), eq(schema.ugcSubmissions.id, submissionId)));
    if (!author || submission?.status !== 'approved') return;
    const { publishedPoints } = await settingsOf(ctx.tx, event.tenantId);
    if (publishedPoints <= 0) return;
    await rewards.grant(ctx, {
      tenantId: event.tenantId,
      customerId: author.id,
      source: 'ugc',
      sourceKey: sourceKey(submissionId),
      spec: { type: 'points', amount: publishedPoints },
      status: 'approved',
    });
  },
});

export const ugcReactions = [publishedRewards];
