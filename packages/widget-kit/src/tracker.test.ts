import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker } from './tracker.ts';

const endpoint = 'http://bff.test/api/events';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('tracker', () => {
  it('batches events and retries a failed batch with the same messageIds', async () => {
    const attempts: { messageId: string; event: string }[][] = [];
    server.use(
      http.post(endpoint, async ({ request }) => {
        const { batch } = (await request.json()) as { batch: { messageId: string; event: string }[] };
        attempts.push(batch);
        return attempts.length === 1
          ? HttpResponse.json({ error: 'internal' }, { status: 503 })
          : HttpResponse.json({ accepted: batch.length });
      }),
    );
    const tracker = createTracker({ endpoint, headers: async () => ({ 'x-flywheel-key': 'pk' }), flushIntervalMs: 10_000 });
    tracker.track({ event: 'link_copied' });
    tracker.track({ event: 'share_clicked', properties: { channel: 'email' } });
    await tracker.flush();
    expect(tracker.pending()).toBe(2);
    await tracker.flush();
    expect(tracker.pending()).toBe(0);
    expect(attempts).toHaveLength(2);
    expect(attempts[1]?.map((e) => e.messageId)).toEqual(attempts[0]?.map((e) => e.messageId));
    expect(attempts[0]?.map((e) => e.event)).toEqual(['link_copied', 'share_clicked']);
  });

  it('drops a batch the server calls invalid instead of retrying it forever', async () => {
    server.use(http.post(endpoint, () => HttpResponse.json({ error: 'invalid_request' }, { status: 400 })));
    const tracker = createTracker({ endpoint, headers: async () => ({}), flushIntervalMs: 10_000 });
    tracker.track({ event: 'x' });
    await tracker.flush();
    expect(tracker.pending()).toBe(0);
  });
});
