import { describe, expect, it } from 'vitest';
import { eventBatch } from './events.ts';

/** `{ a: { a: … } }`, `levels` deep. */
function nested(levels: number) {
  let value: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function firstIssue(input: unknown) {
  const result = eventBatch.safeParse(input);
  if (result.success) throw new Error('expected the batch to be invalid');
  return `${result.error.issues[0]?.path.join('.')}: ${result.error.issues[0]?.message}`;
}

describe('event batch contract', () => {
  it('accepts track, identify and page events in the Segment shape', () => {
    const parsed = eventBatch.parse({
      batch: [
        { type: 'track', event: 'invite_sent', messageId: 'm1', userId: 'alice', properties: { channel: 'email' } },
        { type: 'identify', messageId: 'm2', anonymousId: 'anon-1', traits: { plan: 'pro' } },
        { type: 'page', name: 'Pricing', messageId: 'm3', anonymousId: 'anon-1', timestamp: '2026-11-23T10:00:00+08:00' },
      ],
    });
    expect(parsed.batch).toHaveLength(3);
  });

  it('refuses JSON nested 5,000 levels deep, naming the field, without walking it recursively', () => {
    const deep = { batch: [{ type: 'track', event: 'e', messageId: 'm', userId: 'u', properties: { deep: nested(5000) } }] };
    expect(firstIssue(deep)).toBe('batch.0.properties: nests deeper than 16 levels');
  });

  it.each([
    [{}, 'batch: Invalid input'],
    [{ batch: [] }, 'batch: Too small'],
    [{ batch: [{ type: 'alias', messageId: 'm', userId: 'u' }] }, 'batch.0.type'],
    [{ batch: [{ type: 'track', messageId: 'm', userId: 'u' }] }, 'batch.0.event'],
    [{ batch: [{ type: 'track', event: 'e', userId: 'u' }] }, 'batch.0.messageId'],
    [{ batch: [{ type: 'track', event: 'e', messageId: 'm' }] }, 'batch.0.userId: userId or anonymousId is required'],
    [{ batch: [{ type: 'page', messageId: 'm', userId: 'u', timestamp: 'yesterday' }] }, 'batch.0.timestamp'],
    [
      { batch: [{ type: 'page', messageId: 'm', userId: 'u', timestamp: '9999-12-31T00:00:00Z' }] },
      'batch.0.timestamp: must be between 2000',
    ],
    [
      { batch: [{ type: 'page', messageId: 'm', userId: 'u', timestamp: '0001-01-01T00:00:00Z' }] },
      'batch.0.timestamp: must be between 2000',
    ],
    [{ batch: [{ type: 'track', event: 'a\u0000b', messageId: 'm', userId: 'u' }] }, 'batch.0.event: contains a NUL character'],
    [
      { batch: [{ type: 'track', event: 'e', messageId: 'm', userId: '\uD800' }] },
      'batch.0.userId: contains a NUL character or a lone surrogate',
    ],
    [
      { batch: [{ type: 'track', event: 'e', messageId: 'm', userId: 'u', properties: { note: 'x\uDC00' } }] },
      'batch.0.properties: contains',
    ],
    [
      { batch: [{ type: 'track', event: 'referral_invite_sent', messageId: 'm', userId: 'u', properties: { channel: 'fax' } }] },
      'batch.0.properties.channel',
    ],
    [{ batch: [{ type: 'track', event: 'experiment_viewed', messageId: 'm', userId: 'u' }] }, 'batch.0.properties.experiment_id'],
    [{ batch: [{ type: 'identify', messageId: 'm', userId: 'u', traits: { __proto__x: 1, 'bad key': 1 } }] }, 'batch.0.traits'],
    [
      { batch: [{ type: 'track', event: 'e', messageId: 'm', userId: 'u', properties: { big: 'x'.repeat(20_000) } }] },
      'batch.0.properties',
    ],
  ])('names the bad field: %j', (input, expected) => {
    expect(firstIssue(input)).toContain(expected);
  });

  it('caps a batch at 100 events', () => {
    const batch = Array.from({ length: 101 }, (_, i) => ({ type: 'track', event: 'e', messageId: `m${i}`, userId: 'u' }));
    expect(firstIssue({ batch })).toContain('batch: Too big');
  });
});
