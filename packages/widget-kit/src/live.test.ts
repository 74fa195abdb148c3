import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectLive } from './live.ts';

const url = 'http://bff.test/api/live';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A stream the test writes server-sent events into. */
function sseStream() {
  let push!: (chunk: string) => void;
  let end!: () => void;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (chunk) => controller.enqueue(new TextEncoder().encode(chunk));
      end = () => controller.close();
    },
  });
  return {
    response: () => new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } }),
    push: (c: string) => push(c),
    end: () => end(),
  };
}

/** Resolves on the next call of the returned callback. */
function signal() {
  let resolve!: () => void;
  let next = new Promise<void>((r) => (resolve = r));
  return {
    fire: () => {
      resolve();
      next = new Promise<void>((r) => (resolve = r));
    },
    next: () => next,
  };
}

describe('connectLive', () => {
  it('sends the key and token, and reports each change the server announces', async () => {
    const stream = sseStream();
    const headers: Record<string, string | null>[] = [];
    const opened = signal();
    server.use(
      http.get(url, ({ request }) => {
        headers.push({ key: request.headers.get('x-flywheel-key'), auth: request.headers.get('authorization') });
        opened.fire();
        return stream.response();
      }),
    );
    const changed = signal();
    let changes = 0;
    const isOpen = opened.next();
    const live = connectLive({
      url,
      headers: async () => ({ 'x-flywheel-key': 'pk_test_demo', authorization: 'Bearer t' }),
      onChange: () => {
        changes++;
        changed.fire();
      },
    });
    await isOpen;
    stream.push('event: ready\ndata:\n\n');
    const first = changed.next();
    stream.push('event: changed\ndata:\n\n');
    await first;
    expect(changes).toBe(1);
    expect(headers).toEqual([{ key: 'pk_test_demo', auth: 'Bearer t' }]);
    live.close();
    await live.finished;
  });

  it('reconnects when the stream ends and then reports a change, since one may have been missed', async () => {
    const streams = [sseStream(), sseStream()];
    const opened = signal();
    let connections = 0;
    server.use(
      http.get(url, () => {
        const stream = streams[connections++] as ReturnType<typeof sseStream>;
        opened.fire();
        return stream.response();
      }),
    );
    const changed = signal();
    let first = opened.next();
    const live = connectLive({ url, headers: async () => ({}), onChange: changed.fire });
    await first;
    streams[0]?.push('event: ready\ndata:\n\n');
    first = opened.next();
    streams[0]?.end();
    await first;
    const change = changed.next();
    streams[1]?.push('event: ready\ndata:\n\n');
    await change;
    expect(connections).toBe(2);
    live.close();
    await live.finished;
  });

  it('stops for good when the server has nothing to stream (204) or refuses (4xx)', async () => {
    for (const status of [204, 401]) {
      let requests = 0;
      server.use(
        http.get(url, () => {
          requests++;
          return new HttpResponse(null, { status });
        }),
      );
      await connectLive({ url, headers: async () => ({}), onChange: () => {} }).finished;
      expect(requests).toBe(1);
    }
  });
});
