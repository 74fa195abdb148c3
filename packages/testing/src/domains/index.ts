import type { ProcedureMocks } from '../msw/bff.ts';
import { achievementsMocks } from './achievements.ts';
import { customerMocks } from './customers.ts';
import { stickyBucketMocks } from './flags.ts';
import { referralMocks } from './referral.ts';
import { pointsMocks } from './rewards.ts';
import { successPlanMocks } from './success-plan.ts';
import { ugcMocks } from './ugc.ts';

export { type AchievementWall, achievementWall, wallBadge } from './achievements.ts';
// Each domain's data factories (the shapes its procedures return, typed by the real router) and
// default msw mocks, for widget tests and standalone development.
export { type CustomerMe, customerMe } from './customers.ts';
export { type ReferralSummary, referralSummary } from './referral.ts';
export { type SuccessPlan, successPlan } from './success-plan.ts';
export { type UgcCard, type UgcDraft, type UgcItem, ugcCard, ugcDraft, ugcItem } from './ugc.ts';
// flywheel widget new: factories

/** Every domain's default mocks: what `bffHandlers` answers unless a test overrides a procedure. */
export const domainMocks: ProcedureMocks = {
  ...customerMocks,
  ...stickyBucketMocks,
  ...referralMocks,
  ...pointsMocks,
  ...achievementsMocks,
  ...successPlanMocks,
  ...ugcMocks,
  // flywheel widget new: mocks
};
