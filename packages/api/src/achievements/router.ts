import { AchievementSettingsInput, BadgeInput, CatalogueItemInput, PointRuleInput } from '@flywheel/contracts/achievements';
import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { ApiDeps } from '../context.ts';
import type { Customer } from '../customers/index.ts';
import { evaluatorFor } from '../flags/index.ts';
import { consoleProcedure, customerProcedure, requires } from '../trpc.ts';
import { backfill, badgesOf, createBadge, dryRun, setBadgeStatus, updateBadge } from './badges.ts';
import { catalogueOf, createItem, fulfilmentLog, redeem, retireItem, unwind } from './bank.ts';
import { leaderboardFor, setMembership } from './leaderboard.ts';
import { achievementsOverview } from './overview.ts';
import { createPointRule, pointRulesOf, retirePointRule } from './point-rules.ts';
import { saveSettings, settingsOf } from './streaks.ts';
import { customerLocale } from './texts.ts';
import { shareAward, wallFor } from './wall.ts';

/** The `achievement-wall.freezes` experiment, evaluated on the server: whether this customer is offered streak freezes. */
async function freezesOffered(
  deps: ApiDeps,
  customer: Pick<Customer, 'tenantId' | 'externalId' | 'traits' | 'segments'>,
  publishableKey: string,
) {
  const attributes = flagAttributes({
    customerId: customer.externalId,
    publishableKey,
    traits: customer.traits,
    segments: customer.segments,
    widgets: ['achievement-wall'],
  });
  const { gb, done } = await evaluatorFor(deps, customer.tenantId, attributes);
  const offered = gb.isOn('achievement-wall.freezes');
  await done();
  return offered;
}

export const achievementsRouter = {
  /** The signed-in customer's wall: badges (each earned tier with its `awardId`), points, level, streak, catalogue. */
  wall: customerProcedure.query(async ({ ctx }) => ({
    issuer: ctx.tenant.name,
    ...(await wallFor(ctx.db, {
      tenantId: ctx.tenant.id,
      customer: ctx.customer,
      locale: customerLocale(ctx.customer.traits),
      freezesOffered: await freezesOffered(ctx.deps, ctx.customer, ctx.tenant.publishableKey),
    })),
  })),

  /** Spends points on a catalogue reward; the same `idempotencyKey` redeems once, however often it is sent. */
  redeem: customerProcedure
    .input(z.object({ rewardId: z.uuid(), idempotencyKey: z.string().min(8).max(100) }).strict())
    .mutation(async ({ ctx, input }) => {
      const redemption = await redeem(ctx.db, ctx.deps.platform, {
        tenantId: ctx.tenant.id,
        customerId: ctx.customer.id,
        itemId: input.rewardId,
        idempotencyKey: input.idempotencyKey,
        freezesOffered: () => freezesOffered(ctx.deps, ctx.customer, ctx.tenant.publishableKey),
      });
      ctx.deps.platform.announce(ctx.db);
      return redemption;
    }),

  /** The customer's place on the opt-in leaderboard and the few people just ahead; empty until they join. */
  leaderboard: customerProcedure.query(({ ctx }) => leaderboardFor(ctx.db, ctx.tenant.id, ctx.customer.id)),

  /** Joins or leaves the leaderboard. */
  joinLeaderboard: customerProcedure
    .input(z.object({ join: z.boolean() }).strict())
    .mutation(({ ctx, input }) => setMembership(ctx.db, ctx.tenant.id, ctx.customer.id, input.join)),

  /** Shows (or hides) one of the customer's badges on its public page. */
  share: customerProcedure
    .input(z.object({ awardId: z.uuid(), public: z.boolean() }).strict())
    .mutation(({ ctx, input }) => shareAward(ctx.db, ctx.tenant.id, ctx.customer.id, input.awardId, input.public)),
} satisfies TRPCRouterRecord;

const id = z.object({ id: z.uuid() }).strict();

export const consoleAchievementsRouter = {
  badges: consoleProcedure.query(({ ctx }) => badgesOf(ctx.db, ctx.session.tenantId)),

  createBadge: requires('manageAchievements')
    .input(BadgeInput)
    .mutation(({ ctx, input }) => createBadge(ctx.db, ctx.session.tenantId, input, ctx.session.userId)),

  updateBadge: requires('manageAchievements')
    .input(z.object({ id: z.uuid(), badge: BadgeInput }).strict())
    .mutation(({ ctx, input }) => updateBadge(ctx.db, ctx.session.tenantId, input.id, input.badge)),

  retireBadge: requires('manageAchievements')
    .input(id)
    .mutation(({ ctx, input }) => setBadgeStatus(ctx.db, ctx.session.tenantId, input.id, 'retired')),

  /** How many customers a rule would have awarded over the last 30 days; writes nothing. */
  dryRun: requires('manageAchievements')
    .input(BadgeInput)
    .mutation(({ ctx, input }) => dryRun(ctx.db, ctx.deps.platform, ctx.session.tenantId, input)),

  /** Applies the last 30 days of events to a saved badge: customers who would have earned it get it. */
  backfill: requires('manageAchievements')
    .input(id)
    .mutation(async ({ ctx, input }) => {
      const result = await backfill(ctx.db, ctx.deps.platform, ctx.session.tenantId, input.id);
      ctx.deps.platform.announce(ctx.db);
      return result;
    }),

  catalogue: consoleProcedure.query(({ ctx }) => catalogueOf(ctx.db, ctx.session.tenantId, 'all')),

  createItem: requires('manageAchievements')
    .input(CatalogueItemInput)
    .mutation(({ ctx, input }) => createItem(ctx.db, ctx.session.tenantId, input)),

  retireItem: requires('manageAchievements')
    .input(id)
    .mutation(async ({ ctx, input }) => {
      if (!(await retireItem(ctx.db, ctx.session.tenantId, input.id)))
        throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such item' });
      return { retired: true };
    }),

  /** The latest redemptions and how their delivery went. */
  fulfilment: consoleProcedure.query(({ ctx }) => fulfilmentLog(ctx.db, ctx.session.tenantId)),

  /** Cancels a redemption still in flight: its points go back to the customer and its unit to stock. */
  cancelRedemption: requires('cancelRedemptions')
    .input(id)
    .mutation(async ({ ctx, input }) => {
      const cancelled = await ctx.db.transaction((tx) =>
        unwind({ tx, emit: ctx.deps.platform.emit }, ctx.session.tenantId, input.id, 'cancelled'),
      );
      if (!cancelled) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no redemption in flight with this id' });
      ctx.deps.platform.announce(ctx.db);
      return cancelled;
    }),

  /** Points for actions: trusted events that earn points, a capped number of times a day. */
  pointRules: consoleProcedure.query(({ ctx }) => pointRulesOf(ctx.db, ctx.session.tenantId)),

  createPointRule: requires('manageAchievements')
    .input(PointRuleInput)
    .mutation(({ ctx, input }) => createPointRule(ctx.db, ctx.session.tenantId, input)),

  retirePointRule: requires('manageAchievements')
    .input(id)
    .mutation(({ ctx, input }) => retirePointRule(ctx.db, ctx.session.tenantId, input.id)),

  /** What keeps a streak (event, daily or weekly) and where each level starts. */
  settings: consoleProcedure.query(({ ctx }) => settingsOf(ctx.db, ctx.session.tenantId)),

  saveSettings: requires('manageAchievements')
    .input(AchievementSettingsInput)
    .mutation(({ ctx, input }) => saveSettings(ctx.db, ctx.session.tenantId, input)),

  /** Badges awarded per week, points issued and redeemed per week, and the points customers hold. */
  overview: consoleProcedure.query(({ ctx }) => achievementsOverview(ctx.db, ctx.session.tenantId)),
} satisfies TRPCRouterRecord;
