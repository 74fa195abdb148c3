import type { Job, Reaction } from './platform/index.ts';
import { createPlatform } from './platform/index.ts';
import { referralJobs, referralReactions } from './referral/index.ts';

/** Every domain's reactions and jobs, merged here as root.ts merges routers. */
export const domainReactions: readonly Reaction[] = [...referralReactions];
export const domainJobs: readonly Job<unknown>[] = [...referralJobs];

/** The platform over every domain: what the BFF, the worker and the tests run. */
export const createDomainPlatform = () => createPlatform({ reactions: domainReactions, jobs: domainJobs });
