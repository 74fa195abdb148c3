import type { AppRouter } from '@flywheel/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type CustomerMe = Outputs['customer']['me'];

/** The demo customer alice, as `customer.me` returns her; override any field. */
export function customerMe(overrides: Partial<CustomerMe> = {}): CustomerMe {
  return { id: 'alice', name: 'Alice Chen', email: 'alice@example.com', traits: { plan: 'pro', tier: 'champion' }, ...overrides };
}
