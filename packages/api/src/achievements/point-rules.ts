import type { PointRuleInput } from '@flywheel/contracts/achievements';
import { type Db, schema } from '@flywheel/db';
import { evalCondition } from '@growthbook/growthbook';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, sql } from 'drizzle-orm';
import { eventKey, isTrusted, periodOf, type StoredEvent, timeZoneOf, type WorkContext } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';

export async function pointRulesOf(db: Db, tenantId: string) {
  return db.select().from(schema.pointRules).where(eq(schema.pointRules.tenantId, tenantId)).orderBy(asc(schema.pointRules.createdAt));
}

export async function createPointRule(db: Db, tenantId: string, input: PointRuleInput) {
  if (input.event === '$page') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'event: page views come from browsers, which never earn spendable points' });
  }
  const [row] = await db
    .insert(schema.pointRules)
    .values({ tenantId, event: input.event, condition: input.condition ?? null, points: input.points, dailyCap: input.dailyCap })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function retirePointRule(db: Db, tenantId: string, id: string) {
  const [row] = await db
    .update(schema.pointRules)
    .set({ status: 'retired' })
    .where(and(eq(schema.pointRules.tenantId, tenantId), eq(schema.pointRules.id, id)))
    .returning({ id: schema.pointRules.id });
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such point rule' });
  return { retired: true };
}

/**
 * Pays the customer for a trusted event each active point rule matches, up to the rule's daily
 * cap on the customer's own day. One customer's events arrive one at a time (the reaction's
 * subject), so counting today's awards and adding one cannot race; the award's unique message
 * id makes a replayed event pay nothing.
 */
export async function payForAction(ctx: WorkContext & { event: StoredEvent }, customer: { id: string; traits: Record<string, unknown> }) {
  const { event } = ctx;
  if (!isTrusted(event)) return;
  const key = eventKey(event);
  const rules = await ctx.tx
    .select()
    .from(schema.pointRules)
    .where(and(eq(schema.pointRules.tenantId, event.tenantId), eq(schema.pointRules.status, 'active'), eq(schema.pointRules.event, key)));
  const day = periodOf(event.timestamp, timeZoneOf(customer.traits), 'daily');
  for (const rule of rules) {
    if (!evalCondition(event.properties, (rule.condition ?? {}) as never)) continue;
    const a = schema.pointRuleAwards;
    const [today] = await ctx.tx
      .select({ n: sql<number>`count(*)::int` })
      .from(a)
      .where(and(eq(a.ruleId, rule.id), eq(a.customerId, customer.id), eq(a.day, day)));
    if ((today?.n ?? 0) >= rule.dailyCap) continue;
    const paid = await ctx.tx
      .insert(a)
      .values({ ruleId: rule.id, customerId: customer.id, day, messageId: event.messageId })
      .onConflictDoNothing()
      .returning({ ruleId: a.ruleId });
    if (paid.length === 0) continue;
    await rewards.grant(ctx, {
      tenantId: event.tenantId,
      customerId: customer.id,
      source: 'achievements',
      sourceKey: `action:${rule.id}:${event.messageId}`,
      spec: { type: 'points', amount: rule.points },
      status: 'approved',
    });
  }
}
