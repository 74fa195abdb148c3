import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { GalleryInput, REJECTION_REASONS, ReviewInput, SubmissionInput, UGC_LIMITS } from '@flywheel/contracts/ugc';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { ApiDeps } from '../context.ts';
import type { Customer } from '../customers/index.ts';
import { evaluatorFor } from '../flags/index.ts';
import { consoleProcedure, customerProcedure, requires, visitorProcedure } from '../trpc.ts';
import { gallery, type LeadOrder, setLike } from './gallery.ts';
import { decisions, feature, queue, review, reviewImage, takeDown } from './moderation.ts';
import { saveSettings, settingsOf } from './settings.ts';
import { mySubmissions, openSubmission, preview, submit, update, withdraw } from './submissions.ts';

/**
 * The `ugc-showcase.featured` experiment, evaluated on the server: which featured item leads a
 * signed-in customer's gallery. Anonymous visitors (the public page, search engines) see the
 * default and record no exposure, so results count people the tenant knows.
 */
async function leadOrderFor(
  deps: ApiDeps,
  customer: Pick<Customer, 'tenantId' | 'externalId' | 'traits' | 'segments'> | null,
  publishableKey: string,
): Promise<LeadOrder> {
  if (!customer) return 'latest';
  const attributes = flagAttributes({
    customerId: customer.externalId,
    publishableKey,
    traits: customer.traits,
    segments: customer.segments,
    widgets: ['ugc-showcase'],
  });
  const { gb, done } = await evaluatorFor(deps, customer.tenantId, attributes);
  const order = gb.getFeatureValue('ugc-showcase.featured', 'latest');
  await done();
  return order === 'most-liked' ? 'most-liked' : 'latest';
}

const moderatorOf = (ctx: { session: { tenantId: string; userId: string } }) => ({
  tenantId: ctx.session.tenantId,
  userId: ctx.session.userId,
});

export const ugcRouter = {
  /**
   * The published gallery, for visitors too: cards filtered by kind, tag and search (English words
   * and Chinese), trending or newest, cursor-paginated; the first page names the featured lead.
   */
  gallery: visitorProcedure.input(GalleryInput).query(async ({ ctx, input }) =>
    gallery(
      ctx.db,
      {
        tenantId: ctx.tenant.id,
        viewerId: ctx.customer?.id ?? null,
        origin: ctx.origin,
        leadOrder: await leadOrderFor(ctx.deps, ctx.customer, ctx.tenant.publishableKey),
      },
      input,
    ),
  ),

  /** One submission: a published one for anyone, any of their own for its author. */
  item: visitorProcedure.input(z.object({ id: z.uuid() }).strict()).query(async ({ ctx, input }) => {
    const item = await openSubmission(ctx.db, ctx.tenant.id, input.id, { customerId: ctx.customer?.id ?? null }, ctx.origin);
    if (!item) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such submission' });
    return item;
  }),

  /** The signed-in customer's own submissions, with their status and the reason of a rejection. */
  mine: customerProcedure.query(({ ctx }) => mySubmissions(ctx.db, ctx.customer, ctx.origin)),

  submit: customerProcedure.input(SubmissionInput).mutation(async ({ ctx, input }) => {
    const result = await submit({ db: ctx.db, emit: ctx.deps.platform.emit, origin: ctx.origin }, ctx.customer, input);
    ctx.deps.platform.announce(ctx.db);
    return result;
  }),

  /** An edit of a draft, pending, rejected or withdrawn submission; unless kept a draft, it goes (back) to review. */
  update: customerProcedure.input(z.intersection(z.object({ id: z.uuid() }), SubmissionInput)).mutation(async ({ ctx, input }) => {
    const { id, ...values } = input;
    const result = await update({ db: ctx.db, emit: ctx.deps.platform.emit, origin: ctx.origin }, ctx.customer, id, values);
    ctx.deps.platform.announce(ctx.db);
    return result;
  }),

  withdraw: customerProcedure.input(z.object({ id: z.uuid() }).strict()).mutation(async ({ ctx, input }) => {
    const result = await withdraw({ db: ctx.db, emit: ctx.deps.platform.emit, origin: ctx.origin }, ctx.customer, input.id);
    ctx.deps.platform.announce(ctx.db);
    return result;
  }),

  /** The body as it will be shown: the same sanitized rendering as the gallery, the public page and the console. */
  preview: customerProcedure
    .input(z.object({ body: z.string().max(UGC_LIMITS.body), imageIds: z.array(z.uuid()).max(UGC_LIMITS.images).default([]) }).strict())
    .mutation(({ ctx, input }) => preview(ctx.db, ctx.customer, input, ctx.origin)),

  /** One like per signed-in customer per published submission, never their own. */
  like: customerProcedure
    .input(z.object({ id: z.uuid(), liked: z.boolean() }).strict())
    .mutation(({ ctx, input }) =>
      setLike(ctx.db, { tenantId: ctx.tenant.id, customerId: ctx.customer.id, submissionId: input.id, liked: input.liked }),
    ),
} satisfies TRPCRouterRecord;

export const consoleUgcRouter = {
  /** Pending submissions with their auto-flags (or the published ones, to feature or take down). */
  queue: requires('moderateUgc')
    .input(
      z
        .object({ status: z.enum(['pending', 'approved']).default('pending') })
        .strict()
        .default({ status: 'pending' }),
    )
    .query(({ ctx, input }) => queue(ctx.db, ctx.session.tenantId, input.status, ctx.origin)),

  review: requires('moderateUgc')
    .input(ReviewInput)
    .mutation(async ({ ctx, input }) => {
      const result = await review({ db: ctx.db, emit: ctx.deps.platform.emit }, moderatorOf(ctx), input);
      ctx.deps.platform.announce(ctx.db);
      return result;
    }),

  reviewImage: requires('moderateUgc')
    .input(z.object({ imageId: z.uuid(), decision: z.enum(['approve', 'reject']) }).strict())
    .mutation(({ ctx, input }) => reviewImage(ctx.db, moderatorOf(ctx), input)),

  takeDown: requires('moderateUgc')
    .input(z.object({ id: z.uuid(), reason: z.enum(REJECTION_REASONS), note: z.string().trim().max(500).optional() }).strict())
    .mutation(async ({ ctx, input }) => {
      const result = await takeDown({ db: ctx.db, emit: ctx.deps.platform.emit }, moderatorOf(ctx), input);
      ctx.deps.platform.announce(ctx.db);
      return result;
    }),

  feature: requires('moderateUgc')
    .input(z.object({ id: z.uuid(), featured: z.boolean() }).strict())
    .mutation(async ({ ctx, input }) => {
      const result = await feature({ db: ctx.db, emit: ctx.deps.platform.emit }, moderatorOf(ctx), input);
      ctx.deps.platform.announce(ctx.db);
      return result;
    }),

  /** Every moderation decision, newest first: the audit trail. */
  decisions: requires('moderateUgc').query(({ ctx }) => decisions(ctx.db, ctx.session.tenantId)),

  settings: consoleProcedure.query(({ ctx }) => settingsOf(ctx.db, ctx.session.tenantId)),

  saveSettings: requires('manageUgcSettings')
    .input(z.object({ publishedPoints: z.number().int().min(0).max(100_000) }).strict())
    .mutation(({ ctx, input }) => saveSettings(ctx.db, ctx.session.tenantId, input)),
} satisfies TRPCRouterRecord;
