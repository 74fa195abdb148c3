import type { Schedule, WorkContext } from '../platform/index.ts';

const MINUTE = 60_000;
/** Events within this window recompute a customer's health once, at its end. */
const HEALTH_DEBOUNCE_MS = 5 * MINUTE;
/** The nightly recompute, in UTC: quiet hours for most tenants' customers. */
const NIGHTLY_UTC_HOUR = 3;

/** Recomputes the customer's health once the current 5-minute window of their activity ends. */
export function scheduleHealthSoon(ctx: { tx: WorkContext['tx']; schedule: Schedule }, tenantId: string, customerId: string, now: Date) {
  const window = Math.floor(now.getTime() / HEALTH_DEBOUNCE_MS);
  return ctx.schedule(ctx.tx, {
    tenantId,
    name: 'success-plan.health',
    key: `health:${customerId}:${window}`,
    runAt: new Date((window + 1) * HEALTH_DEBOUNCE_MS),
    payload: { customerId, nightly: false },
  });
}

/** The next nightly recompute for a customer: each run schedules the following one. */
export function scheduleHealthNightly(ctx: { tx: WorkContext['tx']; schedule: Schedule }, tenantId: string, customerId: string, now: Date) {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, NIGHTLY_UTC_HOUR));
  return ctx.schedule(ctx.tx, {
    tenantId,
    name: 'success-plan.health',
    key: `health:${customerId}:nightly:${next.toISOString().slice(0, 10)}`,
    runAt: next,
    payload: { customerId, nightly: true },
  });
}
