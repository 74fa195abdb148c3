// Success plan: a personal 90-day plan per customer from the tenant's templates, milestones that
// complete themselves from events, tasks the customer ticks. Other domains use only what this file exports.

export { latestBandsAndGroups, npsGroupOf } from './nps.ts';
export { successPlanJobs, successPlanReactions } from './reactions.ts';
export { planView } from './service.ts';
export { figureLabel, MissingCjkFont, reportText, valueReportById, valueReportPdf } from './value-report.ts';
