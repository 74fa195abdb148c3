import type { Rule } from '@flywheel/contracts/rules';
import { evalCondition } from '@growthbook/growthbook';
import { eventKey, type StoredEvent } from './define.ts';

/**
 * The rule language's reading of one event, shared by every domain that completes things from
 * events (achievements' badges, success-plan milestones): whether the event counts for a rule,
 * whether it takes a counted one back, and under which key and value it is remembered.
 */

/** Whether the event is the rule's event and meets its condition. */
export function countsFor(rule: Pick<Rule, 'event' | 'condition'>, event: StoredEvent): boolean {
  return rule.event === eventKey(event) && evalCondition(event.properties, (rule.condition ?? {}) as never);
}

/** Whether the event is the rule's undoing event. */
export const undoes = (rule: Pick<Rule, 'undoneBy'>, event: StoredEvent) => rule.undoneBy?.event === eventKey(event);

/**
 * What the event is remembered by, so a replay counts once: the `undoneBy.matchOn` property both
 * events carry, else the event's message id; null when the property is missing.
 */
export function contributionKey(rule: Pick<Rule, 'undoneBy'>, event: StoredEvent): string | null {
  const matchOn = rule.undoneBy?.matchOn;
  if (!matchOn) return `event:${event.messageId}`;
  const value = event.properties[matchOn];
  return typeof value === 'string' || typeof value === 'number' ? `${matchOn}:${value}` : null;
}

/** What the event adds towards the goal: 1, or for a sum the property's whole positive value (anything else: nothing). */
export function contributionValue(rule: Pick<Rule, 'goal'>, event: StoredEvent): number | null {
  if (rule.goal.kind !== 'sum') return 1;
  const value = event.properties[rule.goal.property];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 1_000_000 ? value : null;
}

/** Producers whose events may pay spendable points: the tenant's server and Flywheel's domains, never a browser. */
export const isTrusted = (event: Pick<StoredEvent, 'producer'>) => event.producer === 'server' || event.producer === 'domain';
