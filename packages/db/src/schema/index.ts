// The database schema, one file per domain. Import it as `schema` from `@flywheel/db`.

export * from './achievements.ts';
export * from './console.ts';
export * from './customers.ts';
export * from './events.ts';
export * from './flags.ts';
export * from './insights.ts';
export * from './jobs.ts';
export * from './public-api.ts';
export * from './referral.ts';
export * from './rewards.ts';
export * from './success-plan.ts';
export * from './tenants.ts';
export * from './ugc.ts';
export * from './webhooks.ts';
// flywheel widget new: schema
