import { z } from 'zod';
import { catalogueEntry } from './event-catalogue.ts';
import { boundedJsonObject, safeString, traits } from './json.ts';

/** Body limit for POST /api/events; past it the BFF answers 413 before parsing. */
export const MAX_BATCH_BYTES = 512 * 1024;
/** Events per batch; more is a 413 too, so one request stays one short transaction. */
export const MAX_BATCH_EVENTS = 100;

const id = safeString().min(1).max(128);
/** Backfills may be old, but not older than any product here; clocks may run ahead, not by days. */
const EARLIEST_EVENT = Date.parse('2000-01-01T00:00:00Z');
const LATEST_EVENT_AHEAD_MS = 24 * 3600 * 1000;

const common = {
  /** Unique per event; sending the same messageId again is a no-op. */
  messageId: id,
  userId: id.optional(),
  anonymousId: id.optional(),
  /** When it happened (ISO 8601); defaults to when it arrived. */
  timestamp: z.iso
    .datetime({ offset: true })
    .refine((t) => {
      const at = Date.parse(t);
      return at >= EARLIEST_EVENT && at <= Date.now() + LATEST_EVENT_AHEAD_MS;
    }, 'must be between 2000 and a day from now')
    .optional(),
  context: boundedJsonObject(8 * 1024).optional(),
};

const track = z.object({
  type: z.literal('track'),
  event: safeString().min(1).max(200),
  properties: boundedJsonObject(16 * 1024).optional(),
  ...common,
});

const identify = z.object({
  type: z.literal('identify'),
  traits: traits.optional(),
  ...common,
});

const page = z.object({
  type: z.literal('page'),
  name: safeString().min(1).max(200).optional(),
  properties: boundedJsonObject(16 * 1024).optional(),
  ...common,
});

/** One event in the Segment spec's shape; it names a user, an anonymous visitor, or both. */
export const trackedEvent = z
  .discriminatedUnion('type', [track, identify, page])
  .refine((e) => e.userId !== undefined || e.anonymousId !== undefined, {
    message: 'userId or anonymousId is required',
    path: ['userId'],
  })
  .superRefine((e, ctx) => {
    // A catalogued event must carry its properties; other names are the tenant's own.
    const entry = e.type === 'track' ? catalogueEntry(e.event) : undefined;
    if (!entry) return;
    const parsed = entry.properties.safeParse('properties' in e ? (e.properties ?? {}) : {});
    for (const issue of parsed.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['properties', ...issue.path] });
    }
  });
export type TrackedEvent = z.infer<typeof trackedEvent>;

export const eventBatch = z.object({
  batch: z.array(trackedEvent).min(1).max(MAX_BATCH_EVENTS),
});
export type EventBatch = z.infer<typeof eventBatch>;

export type IngestResult = { accepted: number; duplicates: number };
