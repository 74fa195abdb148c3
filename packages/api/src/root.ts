import { consoleAuthRouter } from './console/router.ts';
import { customerRouter } from './customer/router.ts';
import { flagsRouter } from './flags/router.ts';
import { consoleReferralsRouter, referralRouter } from './referral/router.ts';
import { resultsRouter } from './results/router.ts';
import { router } from './trpc.ts';

/** One router per domain, merged here; browser code imports only its type. */
export const appRouter = router({
  customer: customerRouter,
  referral: referralRouter,
  console: router({ auth: consoleAuthRouter, flags: flagsRouter, results: resultsRouter, referrals: consoleReferralsRouter }),
});

export type AppRouter = typeof appRouter;
