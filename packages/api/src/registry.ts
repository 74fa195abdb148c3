import { achievementsJobs, achievementsReactions } from './achievements/index.ts';
import { customerReactions } from './customers/index.ts';
import type { FlagsRuntime } from './flags/index.ts';
import { insightsJobs, insightsReactions } from './insights/index.ts';
import type { MailOptions } from './mail.ts';
import type { Job, Reaction } from './platform/index.ts';
import { createPlatform } from './platform/index.ts';
import { referralJobs, referralReactions } from './referral/index.ts';
import { rewardJobs } from './rewards/index.ts';
import { successPlanJobs, successPlanReactions } from './success-plan/index.ts';
import { ugcReactions } from './ugc/index.ts';
import { type WebhookOptions, webhookJobs, webhookReactions } from './webhooks/index.ts';

export type DomainWorkOptions = {
  webhooks: WebhookOptions;
  /** Flags for the reactions that evaluate experiments on the server (a plan's template at sign-up). */
  flags: FlagsRuntime;
  /** The SMTP server for email invites; without it the tenant sends them from the webhook event. */
  mail?: MailOptions | undefined;
};

/** Every domain's reactions and jobs, merged here as root.ts merges routers. */
export function domainWork(options: DomainWorkOptions): { reactions: Reaction[]; jobs: Job<unknown, unknown>[] } {
  return {
    reactions: [
      ...customerReactions,
      ...referralReactions,
      ...webhookReactions(),
      ...achievementsReactions,
      ...successPlanReactions,
      ...ugcReactions,
      ...insightsReactions,
      // flywheel widget new: reactions
    ],
    jobs: [
      ...referralJobs(options.mail),
      ...rewardJobs,
      ...webhookJobs(options.webhooks),
      ...achievementsJobs(options.webhooks),
      ...successPlanJobs(options.flags),
      ...insightsJobs,
      // flywheel widget new: jobs
    ] as Job<unknown, unknown>[],
  };
}

/** The platform over every domain: what the BFF, the worker and the tests run. */
export const createDomainPlatform = (options: DomainWorkOptions) => createPlatform(domainWork(options));
