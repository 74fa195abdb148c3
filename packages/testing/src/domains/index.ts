import type { ProcedureMocks } from '../msw/bff.ts';
import { customerMocks } from './customers.ts';
import { referralMocks } from './referral.ts';

// Each domain's data factories (the shapes its procedures return, typed by the real router) and
// default msw mocks, for widget tests and standalone development.
export { type CustomerMe, customerMe } from './customers.ts';
export { type ReferralSummary, referralSummary } from './referral.ts';
// flywheel widget new: factories

/** Every domain's default mocks: what `bffHandlers` answers unless a test overrides a procedure. */
export const domainMocks: ProcedureMocks = {
  ...customerMocks,
  ...referralMocks,
  // flywheel widget new: mocks
};
