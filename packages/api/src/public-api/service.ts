import type { CustomerSegments } from '@flywheel/contracts/flag-attributes';
import type { Traits } from '@flywheel/contracts/json';
import type { Db } from '@flywheel/db';
import type { ApiDeps } from '../context.ts';
import * as customers from '../customers/index.ts';
import * as events from '../events/index.ts';
import * as referral from '../referral/index.ts';
import * as successPlan from '../success-plan/index.ts';
import * as ugc from '../ugc/index.ts';

// The public REST API's operations that span domains, or shape a domain's data for tenants'
// servers. The BFF's /api/v1 routes call these and each domain's own index; nothing here runs
// without the tenant's secret key having been checked.

export type RestCustomer = { id: string; email: string | null; name: string | null; traits: Traits; segments: CustomerSegments };

export async function customerById(db: Db, tenantId: string, externalId: string): Promise<RestCustomer | null> {
  const customer = await customers.findCustomer(db, tenantId, externalId);
  return customer ? customers.toPublicCustomer(customer) : null;
}

/**
 * Creates or updates a customer as the tenant's server sees them: email, name and traits as given
 * (traits merged over the stored ones). The server owns every field, so no trait is refused here.
 */
export async function putCustomer(
  db: Db,
  tenantId: string,
  externalId: string,
  fields: { email?: string | null | undefined; name?: string | null | undefined; traits?: Traits | undefined },
): Promise<RestCustomer> {
  return customers.toPublicCustomer(await customers.upsertCustomer(db, tenantId, { externalId, ...fields }));
}

/**
 * Erases a customer for a data-protection request: every event they sent or were the subject of,
 * the referral visits from their devices, their row and everything that references it (the
 * foreign keys cascade), then their uploaded images' bytes. One transaction for the rows; the
 * files go after it commits, so a failed erasure leaves nothing half-removed in the database.
 */
export async function eraseCustomer(deps: Pick<ApiDeps, 'db' | 'media'>, tenantId: string, externalId: string, now = new Date()) {
  const erased = await deps.db.transaction(async (tx) => {
    const customer = await customers.findCustomer(tx, tenantId, externalId);
    if (!customer) return null;
    const anonymousIds = await customers.aliasesOf(tx, tenantId, customer.id);
    const removedEvents = await events.eraseEvents(tx, tenantId, externalId, anonymousIds);
    await referral.eraseClicks(tx, tenantId, anonymousIds);
    const imageKeys = await ugc.imageKeysOf(tx, tenantId, customer.id);
    await customers.deleteCustomer(tx, tenantId, customer.id);
    return { removedEvents, imageKeys };
  });
  if (!erased) return null;
  await Promise.all(erased.imageKeys.map((key) => deps.media.delete(key)));
  return { id: externalId, erasedAt: now.toISOString(), removed: { events: erased.removedEvents, images: erased.imageKeys.length } };
}

/** The customer's success plan in the shape of the REST API (texts are the widget's, not the server's). */
export async function successPlanOf(db: Db, tenantId: string, customer: customers.Customer, now = new Date()) {
  const view = await successPlan.planView(db, { tenantId, customer, locale: 'en', now });
  if (!view) return null;
  return {
    template: view.template,
    startedOn: view.startedOn,
    day: view.day,
    days: view.days,
    health: view.health,
    milestones: view.milestones.map(({ key, state, progress, target, dueOn, completedAt }) => ({
      key,
      state,
      progress,
      target,
      dueOn,
      completedAt,
    })),
    tasks: view.tasks.map(({ key, done, doneBy, completedAt }) => ({ key, done, doneBy, completedAt })),
    summary: view.summary,
  };
}
