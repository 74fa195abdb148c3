import type { ConsolePage } from '../console-page.ts';
import { achievementsPage } from './achievements/index.ts';
import { experimentsPage } from './experiments/index.ts';
import { overviewPage } from './overview/index.ts';
import { platformPage } from './platform/index.ts';
import { referralsPage } from './referrals/index.ts';
import { segmentsPage } from './segments/index.ts';
import { settingsPage } from './settings/index.ts';
import { successPlanPage } from './success-plan/index.ts';
import { ugcPage } from './ugc/index.ts';
import { usersPage } from './users/index.ts';

/**
 * Every domain's console page, in navigation order: the one place a page is registered. The first
 * is the home page. `pnpm flywheel widget new` adds each new widget's page above the marker.
 */
export const consolePages: ConsolePage[] = [
  experimentsPage,
  overviewPage,
  referralsPage,
  usersPage,
  platformPage,
  achievementsPage,
  successPlanPage,
  ugcPage,
  segmentsPage,
  settingsPage,
  // flywheel widget new: pages
];
