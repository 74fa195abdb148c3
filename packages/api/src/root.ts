import { consoleAuthRouter } from './console/router.ts';
import { customerRouter } from './customer/router.ts';
import { router } from './trpc.ts';

/** One router per domain, merged here; browser code imports only its type. */
export const appRouter = router({
  customer: customerRouter,
  console: router({ auth: consoleAuthRouter }),
});

export type AppRouter = typeof appRouter;
