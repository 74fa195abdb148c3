import { z } from 'zod';
import { condition } from './experiments.ts';
import { Rule } from './rules.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits or dashes (at most 40)');
/** English required; Simplified Chinese falls back to English where missing. */
const localized = <T extends z.ZodRawShape>(shape: T) => z.object({ en: z.object(shape), 'zh-CN': z.object(shape).optional() });

/** A milestone's rule: the rule language, counting what the customer did (never a referrer's friends). */
const MilestoneRule = Rule.refine((rule) => rule.goal.kind !== 'streak', {
  message: 'a milestone counts events, not a streak',
  path: ['goal'],
}).refine((rule) => rule.creditTo === 'actor', { message: 'a milestone counts what the customer did', path: ['creditTo'] });

export const PlanTemplateInput = z
  .object({
    slug: key,
    texts: localized({ name: text(80), description: text(300) }),
    /** Which customers the template fits: a GrowthBook condition on their attributes (plan, tier, locale, country…). */
    audience: condition.optional(),
    /** Lower first when several templates fit. */
    priority: z.number().int().min(0).max(1000).default(100),
    phases: z
      .array(
        z.object({
          key,
          texts: localized({ name: text(60) }),
          startDay: z.number().int().min(0).max(365),
          endDay: z.number().int().min(0).max(365),
        }),
      )
      .min(1)
      .max(6),
    milestones: z
      .array(
        z.object({
          key,
          texts: localized({ title: text(120), description: text(300) }),
          rule: MilestoneRule,
          /** How many (count), how much (sum) or 1 (first). */
          target: z.number().int().min(1).max(1_000_000),
          /** Day of the plan (0 = the day it started) by which it should be done. */
          targetDay: z.number().int().min(0).max(365),
          phase: key,
        }),
      )
      .max(20),
    tasks: z
      .array(
        z.object({
          key,
          texts: localized({ title: text(120) }),
          howToUrl: z.url({ protocol: /^https?$/ }).optional(),
          /** Ticks the task by itself when the customer does it. */
          rule: MilestoneRule.optional(),
          phase: key,
        }),
      )
      .max(30),
  })
  .check((ctx) => {
    const { phases, milestones, tasks } = ctx.value;
    phases.forEach((phase, i) => {
      if (phase.endDay < phase.startDay)
        ctx.issues.push({ code: 'custom', message: 'must not end before it starts', path: ['phases', i, 'endDay'], input: phase });
    });
    const phaseKeys = new Set(phases.map((p) => p.key));
    const items = [...milestones.map((m, i) => ['milestones', i, m] as const), ...tasks.map((t, i) => ['tasks', i, t] as const)];
    const seen = new Set<string>();
    for (const [list, i, item] of items) {
      if (!phaseKeys.has(item.phase))
        ctx.issues.push({ code: 'custom', message: `no phase "${item.phase}"`, path: [list, i, 'phase'], input: item });
      if (seen.has(item.key))
        ctx.issues.push({ code: 'custom', message: `"${item.key}" is used twice`, path: [list, i, 'key'], input: item });
      seen.add(item.key);
    }
  });
export type PlanTemplateInput = z.infer<typeof PlanTemplateInput>;

const weight = z.number().int().min(0).max(100);
const eventName = z.string().regex(/^[a-z][a-z0-9_]{0,79}$/, 'must be a snake_case event name');
const localizedText = z.object({ en: z.string().trim().min(1).max(80), 'zh-CN': z.string().trim().min(1).max(80).optional() });

/** The tenant's health model and NPS and value-report settings, as the console edits them. */
export const HealthSettingsInput = z
  .object({
    weights: z.object({
      active_days: weight,
      feature_breadth: weight,
      milestones_on_track: weight,
      support_tickets: weight,
      nps: weight,
      referrals_sent: weight,
      streak: weight,
      stories_published: weight,
    }),
    keyFeatures: z.array(eventName).min(1).max(20),
    healthyFrom: z.number().int().min(1).max(100),
    atRiskFrom: z.number().int().min(0).max(99),
    alertDrop: z.number().int().min(1).max(100),
    npsMinAccountDays: z.number().int().min(0).max(365),
    npsMinActiveDays: z.number().int().min(0).max(30),
    npsEveryDays: z.number().int().min(7).max(730),
    valueFigures: z
      .array(
        z.object({
          event: eventName,
          label: localizedText,
          valuePerEvent: z.number().positive().max(100_000).optional(),
          unit: localizedText.optional(),
        }),
      )
      .max(10),
    /** Start plans when this event arrives (the tenant's sign-up event); null: when the customer first opens the widget. */
    planStartEvent: eventName.nullable().default(null),
  })
  .refine((s) => s.atRiskFrom < s.healthyFrom, { message: 'must be below healthyFrom', path: ['atRiskFrom'] })
  .refine((s) => Object.values(s.weights).some((w) => w > 0), { message: 'at least one signal needs a weight', path: ['weights'] });
export type HealthSettingsInput = z.infer<typeof HealthSettingsInput>;
