/** One request's outcome: how long it took and its status (0 when the connection failed). */
export type Sample = { ms: number; status: number };

async function timed(request: () => Promise<Response>): Promise<Sample> {
  const started = performance.now();
  try {
    const response = await request();
    // The whole body, as a client would read it: the time is until the answer is complete.
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: response.status };
  } catch {
    return { ms: performance.now() - started, status: 0 };
  }
}

/** `concurrency` clients, each sending its next request when the last one is answered, for `durationMs`. */
export async function closedLoop(concurrency: number, durationMs: number, request: () => Promise<Response>): Promise<Sample[]> {
  const samples: Sample[] = [];
  const until = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) samples.push(await timed(request));
    }),
  );
  return samples;
}

/**
 * Requests started at a fixed rate whatever the answers (an open loop: a slow server gets more
 * requests in flight, not fewer, as with real traffic), for `durationMs`; resolves once all are answered.
 */
export async function fixedRate(perSecond: number, durationMs: number, request: (index: number) => Promise<Response>): Promise<Sample[]> {
  const pending: Promise<Sample>[] = [];
  const started = performance.now();
  const total = Math.floor((perSecond * durationMs) / 1000);
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(timed(() => request(index)));
  }
  return Promise.all(pending);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (values: number[]) => percentile(values, 50);

/** A pseudo-random IPv4 address per index, for X-Forwarded-For when the BFF trusts the loopback proxy. */
export const clientAddress = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
