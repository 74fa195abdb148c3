import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker } from './tracker.ts';

const endpoint = 'http://bff.test/api/events';
const storageKey = 'fw_anonymous_id:pk_test';
let issued = 0;
const options = {
  endpoint,
  storageKey,
  issueAnonymousId: async () => `visitor-${++issued}.signed`,
  flushIntervalMs: 10_000,
};
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
    const tracker = createTracker({ ...options, headers: async () => ({ 'x-flywheel-key': 'pk' }) });
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
    const tracker = createTracker({ ...options, headers: async () => ({}) });
    tracker.track({ event: 'x' });
    await tracker.flush();
    expect(tracker.pending()).toBe(0);
  });

  it('sends every event under the anonymous id the BFF issued, asks for it once, and keeps it', async () => {
    localStorage.removeItem(storageKey);
    const sent: { anonymousId: string }[] = [];
    server.use(
      http.post(endpoint, async ({ request }) => {
        sent.push(...((await request.json()) as { batch: { anonymousId: string }[] }).batch);
        return HttpResponse.json({ accepted: 1 });
      }),
    );
    const before = issued;
    const tracker = createTracker({ ...options, headers: async () => ({}) });
    const [first, second] = await Promise.all([tracker.anonymousId(), tracker.anonymousId()]);
    expect(second).toBe(first);
    tracker.track({ event: 'x' });
    await tracker.flush();
    expect(sent.map((e) => e.anonymousId)).toEqual([first]);
    // Another page load on this device: the same visitor, no new id.
    expect(await createTracker({ ...options, headers: async () => ({}) }).anonymousId()).toBe(first);
    expect(issued).toBe(before + 1);
  });

  it('keeps events queued while no id can be issued (offline), and sends them once one is', async () => {
    localStorage.removeItem(storageKey);
    let online = false;
    const sent: unknown[] = [];
    server.use(
      http.post(endpoint, async ({ request }) => {
        sent.push(...((await request.json()) as { batch: unknown[] }).batch);
        return HttpResponse.json({ accepted: 1 });
      }),
    );
    const tracker = createTracker({
      ...options,
      headers: async () => ({}),
      issueAnonymousId: async () => {
        if (!online) throw new TypeError('Failed to fetch');
        return 'visitor-late.signed';
      },
    });
    tracker.track({ event: 'x' });
    await tracker.flush();
    expect(tracker.pending()).toBe(1);
    online = true;
    await tracker.flush();
    expect(tracker.pending()).toBe(0);
    expect(sent).toEqual([expect.objectContaining({ event: 'x', anonymousId: 'visitor-late.signed' })]);
  });
});
