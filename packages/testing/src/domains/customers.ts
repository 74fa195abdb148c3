import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type CustomerMe = RouterOutputs['customer']['me'];

/** The demo customer alice, as `customer.me` returns her; override any field. */
export function customerMe(overrides: Partial<CustomerMe> = {}): CustomerMe {
  return {
    id: 'alice',
    name: 'Alice Chen',
    email: 'alice@example.com',
    traits: { plan: 'pro', tier: 'champion' },
    segments: {},
    ...overrides,
  };
}

export const customerMocks: ProcedureMocks = {
  'customer.me': () => customerMe(),
  'customer.identify': (input) => customerMe({ traits: { ...customerMe().traits, ...input.traits } }),
};
