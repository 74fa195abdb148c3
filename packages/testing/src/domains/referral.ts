import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type ReferralSummary = RouterOutputs['referral']['summary'];

/** Alice's referral center with no friends yet; override any field. */
export function referralSummary(overrides: Partial<ReferralSummary> = {}): ReferralSummary {
  return {
    code: 'K7M2Q9XA',
    linkPath: '/r/K7M2Q9XA',
    referrerReward: { type: 'credit', amount: 20, currency: 'USD' },
    friendReward: { type: 'credit', amount: 20, currency: 'USD' },
    holdHours: 72,
    paused: false,
    terms: null,
    friends: [],
    rewards: { items: [], totals: { earned: [], pending: [] } },
    milestones: { qualified: 0, next: { friends: 3, reward: { type: 'points', amount: 500 } } },
    ...overrides,
  };
}

export const referralMocks: ProcedureMocks = {
  'referral.summary': () => referralSummary(),
  'referral.inviteByEmail': (input) => ({ invited: input.email.toLowerCase() }),
};
