import { REFERRAL_CHANNELS } from '@flywheel/contracts/event-catalogue';
import { periodInOrder } from '@flywheel/contracts/json';
import { cursorInput } from '@flywheel/contracts/pagination';
import { REFERRAL_STATUSES, TERMS_MAX_LENGTH } from '@flywheel/contracts/referral';
import { RewardSpecInput } from '@flywheel/contracts/rewards';
import { flagAttributes, trackingKey } from '@flywheel/flags';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { evaluatorFor } from '../flags/index.ts';
import { consoleProcedure, customerProcedure, requires, visitorProcedure } from '../trpc.ts';
import { isRegisteredEndpoint } from '../webhooks/index.ts';
import { referralAnalytics } from './analytics.ts';
import { normalizeCode } from './codes.ts';
import { referralsCsv, referralsForConsole } from './console.ts';
import { inviteByEmail } from './invites.ts';
import { kFactor } from './kfactor.ts';
import { attribute, review } from './lifecycle.ts';
import { recordSighting } from './links.ts';
import { programChanges, programForConsole, saveProgram } from './program.ts';
import { inviteFor, summaryFor } from './service.ts';

const offerInput = z.object({
  /** The locale the widget renders in, an attribute of the evaluation as in the browser. */
  locale: z.enum(['en', 'zh-CN']).optional(),
  /** The browser's anonymous id, for experiments hashed on deviceId. */
  deviceId: z.string().min(1).max(128).optional(),
});

export const referralRouter = {
  /**
   * The offer this customer sees, decided on the server with the same payload and attributes as
   * the browser, so what is granted later matches what was shown.
   */
  offer: customerProcedure.input(offerInput).query(async ({ ctx, input }) => {
    const attributes = flagAttributes({
      customerId: ctx.customer.externalId,
      publishableKey: ctx.tenant.publishableKey,
      traits: ctx.customer.traits,
      segments: ctx.customer.segments,
      locale: input.locale,
      widgets: ['referral-center'],
      deviceId: input.deviceId,
    });
    const { gb, done } = await evaluatorFor(ctx.deps, ctx.tenant.id, attributes);
    const headline = gb.evalFeature<string>('referral-center.headline');
    await done();
    return { headline: headline.value ?? 'control', variationId: headline.experimentResult?.key ?? null };
  }),

  /** Link, code, rewards, friends and milestone progress for the signed-in customer. */
  summary: customerProcedure.query(async ({ ctx }) => {
    const summary = await summaryFor(ctx.deps, ctx.customer, ctx.tenant.publishableKey);
    await recordSighting(ctx.db, ctx.tenant.id, ctx.customer.id, ctx.client);
    if (!summary) throw new TRPCError({ code: 'NOT_FOUND', message: 'This company has no referral program yet.' });
    return summary;
  }),

  /**
   * For the landing page a referral link leads to, before the friend has an account: who invited
   * them and what they get. Public with the publishable key, like the link itself.
   */
  invite: visitorProcedure.input(z.object({ code: z.string().min(1).max(20) })).query(async ({ ctx, input }) => {
    const code = normalizeCode(input.code);
    const invite = code ? await inviteFor(ctx.db, ctx.tenant.id, code) : null;
    if (!invite) throw new TRPCError({ code: 'NOT_FOUND', message: 'code: this invite is not valid; ask your friend for a new link' });
    return invite;
  }),

  /** Invites a friend by email (at most DAILY_EMAIL_INVITES a day, once per address); see invites.ts. */
  inviteByEmail: customerProcedure
    .input(z.object({ email: z.email().max(254), locale: z.enum(['en', 'zh-CN']).default('en') }))
    .mutation(async ({ ctx, input }) => {
      const { emit, schedule } = ctx.deps.platform;
      const result = await inviteByEmail({ db: ctx.db, emit, schedule }, ctx.tenant, ctx.customer, { ...input, linkBase: ctx.origin });
      ctx.deps.platform.announce(ctx.db);
      return result;
    }),

  /** The landing page's widget attributing a newly signed-up friend to the code they arrived with. */
  attribute: customerProcedure
    .input(z.object({ code: z.string().min(1).max(20), click: z.string().min(1).max(128).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { emit, schedule } = ctx.deps.platform;
      const referralId = await ctx.db.transaction((tx) =>
        attribute(
          { tx, emit, schedule },
          ctx.tenant.id,
          { id: ctx.customer.id, externalId: ctx.customer.externalId },
          input.code,
          input.click,
        ),
      );
      ctx.deps.platform.announce(ctx.db);
      return { attributed: referralId !== null };
    }),
} satisfies TRPCRouterRecord;

const reward = RewardSpecInput;

const referralFilter = z.object({
  view: z.enum(['all', 'held', 'decided']).default('all'),
  status: z.enum(REFERRAL_STATUSES).optional(),
  channel: z.enum(REFERRAL_CHANNELS).optional(),
  search: z.string().trim().max(200).optional(),
});

export const programInput = z.object({
  referrerReward: reward,
  friendReward: reward,
  qualifyingEvent: z.string().min(1).max(200),
  qualifyingCondition: z.record(z.string(), z.json()).nullable().default(null),
  reversalEvent: z.string().min(1).max(200).default('refund_issued'),
  holdHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 90),
  monthlyCap: z.number().int().min(1).max(10_000),
  milestones: z.array(z.object({ friends: z.number().int().min(1).max(1000), reward })).max(10),
  landingUrl: z.url({ protocol: /^https?$/ }),
  /** What the customer agrees to; both languages, since the widget shows the customer's. */
  terms: z
    .object({ en: z.string().trim().min(1).max(TERMS_MAX_LENGTH), 'zh-CN': z.string().trim().min(1).max(TERMS_MAX_LENGTH) })
    .nullable()
    .default(null),
  paused: z.boolean().default(false),
});

export const consoleReferralsRouter = {
  /** The program, with what is left of each coupon pool. */
  program: consoleProcedure.query(({ ctx }) => programForConsole(ctx.db, ctx.session.tenantId)),

  /** Saves the whole program; every change is recorded with who made it (programChanges). */
  updateProgram: requires('editReferralProgram')
    .input(programInput)
    .mutation(async ({ ctx, input }) => {
      // A custom reward is fulfilled by the tenant's endpoint: one that is not registered would never be paid.
      const rewards = [
        ['referrerReward', input.referrerReward],
        ['friendReward', input.friendReward],
        ...input.milestones.map((m, i) => [`milestones.${i}.reward`, m.reward] as const),
      ] as const;
      for (const [field, spec] of rewards) {
        if (spec.type === 'webhook' && !(await isRegisteredEndpoint(ctx.db, ctx.session.tenantId, spec.url))) {
          throw new TRPCError({
            code: 'BAD_REQUEST',
            message: `${field}.url: register this address under Settings → Webhooks first; rewards are sent only to registered endpoints`,
          });
        }
      }
      return saveProgram(ctx.db, ctx.session.tenantId, input, ctx.session.userId);
    }),

  programChanges: consoleProcedure.query(({ ctx }) => programChanges(ctx.db, ctx.session.tenantId)),

  /** Every referral, searched and filtered, newest first; `held` and `decided` are the review tabs. */
  list: requires('readReferrals')
    .input(referralFilter.extend(cursorInput.shape))
    .query(({ ctx, input: { cursor, limit, ...filter } }) => referralsForConsole(ctx.db, ctx.session.tenantId, filter, { cursor, limit })),

  /** The same list as CSV (at most EXPORT_LIMIT rows), for a spreadsheet or a payout run. */
  exportCsv: requires('readReferrals')
    .input(referralFilter)
    .query(async ({ ctx, input }) => ({ csv: await referralsCsv(ctx.db, ctx.session.tenantId, input) })),

  /** A decision on one or several held referrals, each in its own transaction; those no longer held are reported back. */
  review: requires('reviewReferrals')
    .input(
      z.object({
        referralIds: z.array(z.uuid()).min(1).max(100),
        decision: z.enum(['approve', 'reject']),
        reason: z.string().trim().min(3).max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { emit, schedule } = ctx.deps.platform;
      const decided: string[] = [];
      const notHeld: string[] = [];
      for (const referralId of new Set(input.referralIds)) {
        const status = await ctx.db.transaction((tx) =>
          review({ tx, emit, schedule }, ctx.session.tenantId, referralId, {
            decision: input.decision,
            note: input.reason,
            by: ctx.session.userId,
          }),
        );
        (status ? decided : notHeld).push(referralId);
      }
      ctx.deps.platform.announce(ctx.db);
      if (decided.length === 0)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'referralIds: none of these referrals is held for review' });
      return { decided, notHeld };
    }),

  /** The referral dashboard over the last `weeks` weeks: funnel, K over time and per channel, top referrers, cost, revenue. */
  analytics: requires('readReferrals')
    .input(z.object({ weeks: z.number().int().min(1).max(52).default(12) }))
    .query(async ({ ctx, input }) => {
      // The referral center's experiments that have started: K per variation for each.
      const states = await ctx.deps.flags.store.runtimeStates(ctx.session.tenantId);
      const experiments = ctx.deps.flags.definitions.features
        .filter((f) => f.widget === 'referral-center' && f.experiment && states.get(f.key)?.startedAt)
        .map((f) => ({ feature: f.key, key: trackingKey(f), variations: f.variations.map((v) => v.id) }));
      return referralAnalytics(ctx.db, ctx.session.tenantId, { ...input, experiments });
    }),

  kFactor: consoleProcedure
    .input(
      z
        .object({
          from: z.iso.datetime(),
          to: z.iso.datetime(),
          channel: z.string().min(1).max(40).optional(),
          experiment: z.object({ key: z.string().min(1).max(80), variationId: z.string().min(1).max(40) }).optional(),
        })
        .refine(...periodInOrder),
    )
    .query(({ ctx, input }) => kFactor(ctx.db, ctx.session.tenantId, { ...input, from: new Date(input.from), to: new Date(input.to) })),
} satisfies TRPCRouterRecord;
