import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { GrowthBookUpstream } from './growthbook-upstream.ts';

function fakeGrowthBook() {
  const state = { up: true, dateUpdated: '2026-11-01T00:00:00Z', calls: 0 };
  const fetch = (async (url: string) => {
    state.calls++;
    expect(url).toBe('http://growthbook.test/api/features/sdk-abc');
    if (!state.up) return new Response('down', { status: 503 });
    return Response.json({ status: 200, features: { 'x.y': { defaultValue: state.dateUpdated } }, dateUpdated: state.dateUpdated });
  }) as typeof globalThis.fetch;
  return { state, fetch };
}

describe('reading through a real GrowthBook', () => {
  it('caches, refreshes stale copies in the background, and keeps serving the last good copy when GrowthBook is down', async () => {
    const gb = fakeGrowthBook();
    const upstream = new GrowthBookUpstream({
      apiHost: 'http://growthbook.test/',
      clientKey: 'sdk-abc',
      logger: pino({ level: 'silent' }),
      staleMs: 0,
      fetch: gb.fetch,
    });
    const first = await upstream.payloadFor('tenant-1');
    expect(first).toEqual({ features: { 'x.y': { defaultValue: '2026-11-01T00:00:00Z' } }, dateUpdated: '2026-11-01T00:00:00Z' });
    gb.state.up = false;
    expect(await upstream.payloadFor('tenant-1')).toEqual(first);
    expect(await upstream.refresh()).toEqual(first);
    expect(gb.state.calls).toBeGreaterThanOrEqual(2);
  });

  it('announces a changed payload to listeners (our SSE streams), and only a changed one', async () => {
    const gb = fakeGrowthBook();
    const upstream = new GrowthBookUpstream({
      apiHost: 'http://growthbook.test',
      clientKey: 'sdk-abc',
      logger: pino({ level: 'silent' }),
      fetch: gb.fetch,
    });
    const changes: string[] = [];
    upstream.onChange((tenantId) => changes.push(tenantId));
    await upstream.payloadFor('tenant-1');
    await upstream.refresh();
    expect(changes).toEqual(['tenant-1']);
    gb.state.dateUpdated = '2026-11-02T00:00:00Z';
    await upstream.refresh();
    expect(changes).toEqual(['tenant-1', 'tenant-1']);
    expect((await upstream.payloadFor('tenant-1')).dateUpdated).toBe('2026-11-02T00:00:00Z');
  });

  it('serves the payload compiled from experiments/ until GrowthBook first answers, and says so', async () => {
    const gb = fakeGrowthBook();
    gb.state.up = false;
    const local = { features: { 'x.y': { defaultValue: 'local' } }, dateUpdated: '2026-10-01T00:00:00Z' };
    const upstream = new GrowthBookUpstream({
      apiHost: 'http://growthbook.test',
      clientKey: 'sdk-abc',
      logger: pino({ level: 'silent' }),
      fetch: gb.fetch,
      fallback: { payloadFor: async () => local, onChange: () => () => {} },
    });
    expect(await upstream.payloadFor('tenant-1')).toEqual(local);
    expect(upstream.degradation()).toContain('serving the payload compiled from experiments/');
    // While it is down, requests get the fallback at once; the next refresh that succeeds ends it.
    gb.state.up = true;
    await upstream.refresh();
    expect((await upstream.payloadFor('tenant-1')).features).toEqual({ 'x.y': { defaultValue: '2026-11-01T00:00:00Z' } });
    expect(upstream.degradation()).toBeNull();
  });

  it('fails when GrowthBook has never answered and there is nothing to fall back on', async () => {
    const gb = fakeGrowthBook();
    gb.state.up = false;
    const upstream = new GrowthBookUpstream({
      apiHost: 'http://growthbook.test',
      clientKey: 'sdk-abc',
      logger: pino({ level: 'silent' }),
      fetch: gb.fetch,
    });
    await expect(upstream.payloadFor('tenant-1')).rejects.toThrow('503');
  });
});
