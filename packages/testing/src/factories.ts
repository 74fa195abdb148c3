import type { AppRouter } from '@flywheel/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type CustomerMe = Outputs['customer']['me'];

/** The demo customer alice, as `customer.me` returns her; override any field. */
export function customerMe(overrides: Partial<CustomerMe> = {}): CustomerMe {
  return { id: 'alice', name: 'Alice Chen', email: 'alice@example.com', traits: { plan: 'pro', tier: 'champion' }, ...overrides };
}
export type ReferralSummary = Outputs['referral']['summary'];

/** Alice's referral center with no friends yet; override any field. */
export function referralSummary(overrides: Partial<ReferralSummary> = {}): ReferralSummary {
  return {
    code: 'K7M2Q9XA',
    linkPath: '/r/K7M2Q9XA',
    referrerReward: { type: 'credit', amount: 20, currency: 'USD' },
    friendReward: { type: 'credit', amount: 20, currency: 'USD' },
    holdHours: 72,
    friends: [],
    rewards: { earned: [], pending: [] },
    milestones: { qualified: 0, next: { friends: 3, reward: { type: 'points', amount: 500 } } },
    ...overrides,
  };
}
