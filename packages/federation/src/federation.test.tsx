import { bffHandlers } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { getPageSession } from '@flywheel/widget-kit';
import { act, screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadWidget } from './loader.ts';
import { isFallbackModule, offlineFallbackPlugin, retryPlugin } from './plugins.ts';
import { createRemoteRegistry } from './registry.ts';
import { RemoteWidget } from './remote-widget.tsx';

const apiBase = 'http://bff.test';
const entries = [{ name: 'referral-center', version: '0.1.0', manifestUrl: 'http://cdn.test/referral-center/mf-manifest.json' }];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('remote registry', () => {
  it('fetches the registry once per page and resolves widgets by name', async () => {
    let calls = 0;
    server.use(
      http.get(`${apiBase}/api/remotes`, ({ request }) => {
        calls++;
        expect(request.headers.get('x-flywheel-key')).toBe('pk_test_demo');
        return HttpResponse.json(entries);
      }),
    );
    const registry = createRemoteRegistry(apiBase, 'pk_test_demo');
    expect(await registry.resolve('referral-center')).toEqual(entries[0]);
    expect(await registry.resolve('nope')).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('tries again after a failure instead of remembering it', async () => {
    server.use(http.get(`${apiBase}/api/remotes`, () => HttpResponse.json(entries)));
    server.use(http.get(`${apiBase}/api/remotes`, () => HttpResponse.json({}, { status: 503 }), { once: true }));
    const registry = createRemoteRegistry(apiBase, 'pk');
    await expect(registry.resolve('referral-center')).rejects.toThrow('503');
    expect(await registry.resolve('referral-center')).toEqual(entries[0]);
  });

  it('rejects a registry that is not the documented shape', async () => {
    server.use(http.get(`${apiBase}/api/remotes`, () => HttpResponse.json([{ name: 'x', manifestUrl: 'javascript:alert(1)' }])));
    await expect(createRemoteRegistry(apiBase, 'pk').resolve('x')).rejects.toThrow();
  });

  it('loadWidget answers "not available" for a widget the registry does not list, without throwing', async () => {
    server.use(http.get(`${apiBase}/api/remotes`, () => HttpResponse.json(entries)));
    expect(await loadWidget(createRemoteRegistry(apiBase, 'pk'), 'achievement-wall')).toEqual({
      ok: false,
      reason: 'no widget named "achievement-wall" in the registry',
    });
  });
});

describe('runtime plugins', () => {
  it('retries a manifest on 5xx and network errors, but not on 404', async () => {
    let calls = 0;
    server.use(
      http.get('http://cdn.test/flaky.json', () => {
        calls++;
        return calls < 3 ? HttpResponse.json({}, { status: 502 }) : HttpResponse.json({ ok: true });
      }),
      http.get('http://cdn.test/gone.json', () => {
        calls++;
        return new HttpResponse(null, { status: 404 });
      }),
    );
    const plugin = retryPlugin({ attempts: 3, delayMs: 1 });
    const fetchHook = plugin.fetch as (url: string, init: RequestInit) => Promise<Response>;
    expect((await fetchHook('http://cdn.test/flaky.json', {})).status).toBe(200);
    expect(calls).toBe(3);
    expect((await fetchHook('http://cdn.test/gone.json', {})).status).toBe(404);
    expect(calls).toBe(4);
  });

  it('turns a remote that cannot load into a fallback module, but leaves shared modules to their own fallbacks', () => {
    const hook = offlineFallbackPlugin().errorLoadRemote as (args: { error: unknown; lifecycle: string }) => unknown;
    expect(isFallbackModule(hook({ error: new Error('404'), lifecycle: 'onLoad' }))).toBe(true);
    expect(hook({ error: new Error('x'), lifecycle: 'beforeLoadShare' })).toBeUndefined();
  });
});

describe('<RemoteWidget>', () => {
  it('shows the host’s fallback when the widget cannot be found', async () => {
    server.use(
      ...bffHandlers(apiBase),
      http.get(`${apiBase}/api/remotes`, () => HttpResponse.json(entries)),
    );
    await renderWidget(
      <RemoteWidget
        name="ugc-showcase"
        apiBase={apiBase}
        publishableKey="pk_rw"
        fallback={<p>Not available</p>}
        loading={<p>Loading</p>}
      />,
    );
    expect(await screen.findByText('Not available')).toBeTruthy();
  });

  it('tries a failed load again on the next mount instead of hiding the widget until reload', async () => {
    let registryCalls = 0;
    server.use(
      ...bffHandlers(apiBase),
      http.get(`${apiBase}/api/remotes`, () => {
        registryCalls++;
        return HttpResponse.json({}, { status: 503 });
      }),
    );
    const widget = (
      <RemoteWidget
        name="referral-center"
        apiBase={apiBase}
        publishableKey="pk_retry"
        fallback={<p>Not available</p>}
        loading={<p>Loading</p>}
      />
    );
    const first = await renderWidget(widget);
    expect(await within(first.container).findByText('Not available')).toBeTruthy();
    first.unmount();
    const asked = registryCalls;
    const second = await renderWidget(widget);
    expect(await within(second.container).findByText('Not available')).toBeTruthy();
    expect(registryCalls).toBeGreaterThan(asked);
  });

  it('shows nothing at all, not even the fallback, while the widget’s kill switch is off', async () => {
    let buildFetched = false;
    server.use(
      ...bffHandlers(apiBase, {}, { 'referral-center.enabled': { defaultValue: true, rules: [{ force: false }] } }),
      http.get(`${apiBase}/api/remotes`, () => HttpResponse.json(entries)),
      http.get(entries[0]?.manifestUrl ?? '', () => {
        buildFetched = true;
        return HttpResponse.json({});
      }),
    );
    const { container } = await renderWidget(
      <RemoteWidget
        name="referral-center"
        apiBase={apiBase}
        publishableKey="pk_off"
        getToken={() => 't'}
        fallback={<p>Not available</p>}
        loading={<p>Loading</p>}
      />,
    );
    // What the widget waits for: the page's flags, evaluated for it. Then nothing, and its build
    // was never downloaded (the registry is asked meanwhile, as for every widget).
    await act(() => getPageSession({ apiBase, publishableKey: 'pk_off' }).flags('referral-center'));
    expect(container.textContent).toBe('');
    expect(buildFetched).toBe(false);
  });
});
