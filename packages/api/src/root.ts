import { achievementsRouter, consoleAchievementsRouter } from './achievements/router.ts';
import { consoleAuthRouter, consolePreviewRouter } from './console/router.ts';
import { consoleUsersRouter } from './console/users.ts';
import { customerRouter } from './customers/router.ts';
import { experimentsRouter } from './experiments/router.ts';
import { copyRouter, stickyBucketsRouter } from './flags/router.ts';
import { consoleInsightsRouter } from './insights/router.ts';
import { overviewRouter } from './overview/router.ts';
import { consolePlatformRouter } from './platform/router.ts';
import { consoleReferralsRouter, referralRouter } from './referral/router.ts';
import { resultsRouter, sharedReportRouter } from './results/router.ts';
import { consolePointsRouter, pointsRouter } from './rewards/router.ts';
import { consoleSuccessPlanRouter, successPlanRouter } from './success-plan/router.ts';
import { consoleTenantRouter } from './tenants/router.ts';
import { router } from './trpc.ts';
import { consoleUgcRouter, ugcRouter } from './ugc/router.ts';
import { consoleWebhooksRouter } from './webhooks/router.ts';

/** One router per domain, merged here; browser code imports only its type. */
export const appRouter = router({
  customer: customerRouter,
  referral: referralRouter,
  points: pointsRouter,
  achievements: achievementsRouter,
  successPlan: successPlanRouter,
  ugc: ugcRouter,
  stickyBuckets: stickyBucketsRouter,
  copy: copyRouter,
  sharedReport: sharedReportRouter,
  // flywheel widget new: routers
  console: router({
    auth: consoleAuthRouter,
    users: consoleUsersRouter,
    experiments: experimentsRouter,
    results: resultsRouter,
    preview: consolePreviewRouter,
    referrals: consoleReferralsRouter,
    overview: overviewRouter,
    points: consolePointsRouter,
    platform: consolePlatformRouter,
    webhooks: consoleWebhooksRouter,
    achievements: consoleAchievementsRouter,
    successPlan: consoleSuccessPlanRouter,
    ugc: consoleUgcRouter,
    tenant: consoleTenantRouter,
    insights: consoleInsightsRouter,
    // flywheel widget new: console routers
  }),
});

export type AppRouter = typeof appRouter;
