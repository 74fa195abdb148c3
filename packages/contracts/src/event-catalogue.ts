import { z } from 'zod';

/** Where a referral link is shared from: its `?via=` and the invite event's channel. */
export const REFERRAL_CHANNELS = ['copy', 'share', 'email', 'x', 'linkedin', 'whatsapp', 'qr', 'wechat', 'weibo', 'qq'] as const;

/**
 * Who may record an event: a widget (a customer's or visitor's browser), the tenant's server
 * (secret key), or a Flywheel domain itself (`emit()`, never over HTTP). The tenant's server may
 * speak for its customers, so widget events usually list it too.
 */
export type EventSender = 'widget' | 'server' | 'domain';

export type CatalogueEntry = {
  description: string;
  senders: readonly EventSender[];
  /** Checked on ingestion; extra properties are kept (widgets add `widget`, tenants their own). */
  properties: z.ZodObject;
};

const widgetName = z.string().min(1).max(40);
const id = z.string().min(1).max(128);
const referralStep = (description: string) => ({
  description,
  senders: ['domain'] as const,
  properties: z.looseObject({ referral_id: z.uuid(), referrer_id: z.uuid() }),
});
const rewardStep = (description: string) => ({
  description,
  senders: ['domain'] as const,
  properties: z.looseObject({ grant_id: z.uuid(), source: z.string(), source_key: z.string() }),
});

/**
 * The events Flywheel knows by name. Ingestion checks their properties and who sent them (a
 * customer cannot claim `referral_qualified`), `useTrack` only accepts the widget ones with
 * their properties, and `experiments check` only accepts metrics over them. Events a tenant
 * sends under other names are stored as they come.
 */
export const eventCatalogue = {
  experiment_viewed: {
    description:
      'A customer was exposed to an experiment variation (the GrowthBook tracking callback), with the dimensions results break down by (`plan`, `tier`, `locale`, `country`, `channel`) as they were at exposure.',
    senders: ['widget', 'server', 'domain'],
    properties: z.looseObject({ experiment_id: z.string().min(1).max(200), variation_id: z.string().min(1).max(200) }),
  },
  widget_error: {
    description: 'A widget crashed and its error boundary showed the fallback.',
    senders: ['widget', 'server'],
    properties: z.looseObject({ widget: widgetName, message: z.string().max(500) }),
  },
  referral_invite_sent: {
    description:
      'The customer shared their referral link (copy, email, social, QR). An invite typed into the widget comes from the referral domain with `to`, `link` and `locale`: the tenant may send that email itself from this webhook event.',
    senders: ['widget', 'server', 'domain'],
    properties: z.looseObject({ channel: z.enum(REFERRAL_CHANNELS) }),
  },
  referral_link_copied: {
    description: 'The customer copied their referral link.',
    senders: ['widget', 'server'],
    properties: z.looseObject({}),
  },
  subscription_started: {
    description: 'The tenant’s server: a customer started paying (the demo program’s qualifying event).',
    senders: ['server'],
    properties: z.looseObject({
      plan: z.string().max(100).optional(),
      /** What the customer pays, for the revenue referred customers bring (with `currency`, ISO 4217). */
      revenue: z.number().nonnegative().max(1e9).optional(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    }),
  },
  refund_issued: {
    description: 'The tenant’s server: a customer was refunded (the default reversal event).',
    senders: ['server'],
    properties: z.looseObject({}),
  },
  referral_signed_up: referralStep('A friend signed up with a referral code.'),
  referral_qualified: referralStep('A referred friend did the qualifying action.'),
  referral_held: referralStep('A qualified referral was held for review (fraud signals).'),
  referral_approved: referralStep('A referral’s reward was approved.'),
  referral_rejected: referralStep('A held referral was rejected.'),
  referral_reversed: referralStep('A referral was reversed (the friend was refunded).'),
  reward_granted: rewardStep('A reward was granted (pending or approved).'),
  reward_approved: rewardStep('A pending reward was approved.'),
  reward_reversed: rewardStep('A reward was taken back.'),
  reward_paid: rewardStep('A reward was paid out.'),
  webhook_endpoint_disabled: {
    description: 'A webhook endpoint was disabled after failing for too long.',
    senders: ['domain'],
    properties: z.looseObject({ endpoint_id: id }),
  },
  badge_awarded: {
    description: 'A customer earned a badge tier.',
    senders: ['domain'],
    properties: z.looseObject({ award_id: z.uuid(), badge_id: z.uuid(), badge: z.string(), tier: z.string() }),
  },
  badge_revoked: {
    description: 'An award was revoked: what earned it was taken back (a refunded referral).',
    senders: ['domain'],
    properties: z.looseObject({ award_id: z.uuid(), badge_id: z.uuid(), badge: z.string(), tier: z.string() }),
  },
  badge_shared: {
    description: 'The customer shared a badge (its public page, LinkedIn, X, WeChat).',
    senders: ['widget', 'server'],
    properties: z.looseObject({ award_id: z.uuid(), channel: z.enum(['link', 'linkedin', 'x', 'wechat']) }),
  },
  streak_extended: {
    description: 'A customer’s streak grew by a period (freezes it used are listed).',
    senders: ['domain'],
    properties: z.looseObject({ current: z.number().int(), period: z.string(), freezes_used: z.number().int() }),
  },
  points_redeemed: {
    description: 'A customer spent points on a catalogue item (the points are held until it is fulfilled).',
    senders: ['domain'],
    properties: z.looseObject({ redemption_id: z.uuid(), item_id: z.uuid(), price: z.number().int() }),
  },
  redemption_fulfilled: {
    description: 'A redemption was delivered; its points are spent.',
    senders: ['domain'],
    properties: z.looseObject({ redemption_id: z.uuid(), item_id: z.uuid() }),
  },
  redemption_failed: {
    description: 'A redemption could not be delivered or was cancelled; its points were given back.',
    senders: ['domain'],
    properties: z.looseObject({ redemption_id: z.uuid(), item_id: z.uuid(), reason: z.string() }),
  },
  plan_started: {
    description: 'A customer’s success plan started, from a template.',
    senders: ['domain'],
    properties: z.looseObject({ plan_id: z.uuid(), template: z.string() }),
  },
  milestone_completed: {
    description: 'A success-plan milestone completed itself from what the customer did.',
    senders: ['domain'],
    properties: z.looseObject({ plan_id: z.uuid(), template: z.string(), milestone: z.string() }),
  },
  plan_task_completed: {
    description: 'A success-plan task was done: ticked by the customer, or by its rule.',
    senders: ['domain'],
    properties: z.looseObject({ plan_id: z.uuid(), template: z.string(), task: z.string(), by: z.enum(['event', 'customer']) }),
  },
  customer_health_dropped: {
    description: 'A customer’s health band dropped, or their score fell fast: a risk alert opened.',
    senders: ['domain'],
    properties: z.looseObject({ score: z.number().int(), previous_score: z.number().int(), band: z.string(), previous_band: z.string() }),
  },
  nps_answered: {
    description: 'A customer answered the NPS question in the success plan (0–10).',
    senders: ['domain'],
    properties: z.looseObject({ score: z.number().int().min(0).max(10), group: z.enum(['promoter', 'passive', 'detractor']) }),
  },
  value_report_ready: {
    description: 'A customer’s quarterly value report is ready (at the end of each quarter).',
    senders: ['domain'],
    properties: z.looseObject({ report_id: z.uuid(), quarter: z.string() }),
  },
  support_ticket_opened: {
    description: 'The tenant’s server: the customer opened a support ticket (a health signal).',
    senders: ['server'],
    properties: z.looseObject({}),
  },
  ugc_submitted: {
    description: 'A customer sent a case study, tutorial or work for review (again, after an edit).',
    senders: ['domain'],
    properties: z.looseObject({ submission_id: z.uuid(), kind: z.string() }),
  },
  ugc_published: {
    description: 'A moderator approved a submission: it is public, and its author earns points.',
    senders: ['domain'],
    properties: z.looseObject({ submission_id: z.uuid(), kind: z.string() }),
  },
  ugc_rejected: {
    description: 'A moderator sent a submission back to its author, with a reason.',
    senders: ['domain'],
    properties: z.looseObject({ submission_id: z.uuid(), reason: z.string() }),
  },
  ugc_featured: {
    description: 'A moderator featured a published submission (a badge rule can reward its author).',
    senders: ['domain'],
    properties: z.looseObject({ submission_id: z.uuid() }),
  },
  ugc_taken_down: {
    description: 'A moderator took a published submission down: what it earned is reversed.',
    senders: ['domain'],
    properties: z.looseObject({ submission_id: z.uuid(), reason: z.string() }),
  },
  ugc_item_opened: {
    description: 'A visitor opened a submission from the gallery (the featured slot, or a card).',
    senders: ['widget', 'server'],
    properties: z.looseObject({ submission_id: z.uuid(), featured: z.boolean() }),
  },
  // flywheel widget new: events
} as const satisfies Record<string, CatalogueEntry>;

export type CataloguedEvent = keyof typeof eventCatalogue;

/** Events a widget may send, each with the properties it must carry. */
export type WidgetEvents = {
  [K in CataloguedEvent as 'widget' extends (typeof eventCatalogue)[K]['senders'][number] ? K : never]: z.input<
    (typeof eventCatalogue)[K]['properties']
  >;
};

export function catalogueEntry(name: string): CatalogueEntry | undefined {
  return Object.hasOwn(eventCatalogue, name) ? eventCatalogue[name as CataloguedEvent] : undefined;
}
