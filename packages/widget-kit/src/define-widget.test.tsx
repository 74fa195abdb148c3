import { customerMe } from '@flywheel/testing/factories';
import { bffHandlers } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { defineWidget } from './define-widget.tsx';
import { getPageSession, useFeatureValue, useQuery, useTRPC, useTrack, useTranslation } from './index.ts';

const apiBase = 'http://bff.test';
const server = setupServer(...bffHandlers(apiBase));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const messages = { en: { greeting: 'Hello, {{name}}' }, 'zh-CN': { greeting: '你好，{{name}}' } };

function Greeting() {
  const trpc = useTRPC();
  const { t } = useTranslation();
  const me = useQuery(trpc.customer.me.queryOptions());
  if (me.isPending) return <p>{t('kit.loading')}</p>;
  if (me.isError) return <p role="alert">{me.error.message}</p>;
  return <p>{t('greeting', { name: me.data.name })}</p>;
}

describe('defineWidget', () => {
  it('renders with the signed-in customer through the shared tRPC client, sending key and token', async () => {
    const seen: Headers[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'GET' && request.url.includes('/trpc/')) seen.push(request.headers);
    });
    const { Widget } = defineWidget({ name: 'greeting', component: Greeting, messages });
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_test_demo" getToken={() => 'token-1'} locale="en" />);
    expect(await screen.findByText('Hello, Alice Chen')).toBeTruthy();
    expect(seen[0]?.get('x-flywheel-key')).toBe('pk_test_demo');
    expect(seen[0]?.get('authorization')).toBe('Bearer token-1');
    server.events.removeAllListeners();
  });

  it('renders Simplified Chinese for zh-CN, and from the page language when no locale is given', async () => {
    const { Widget } = defineWidget({ name: 'greeting-zh', component: Greeting, messages });
    document.documentElement.lang = 'zh-Hans';
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_zh" getToken={() => 't'} />);
    expect(await screen.findByText('你好，Alice Chen')).toBeTruthy();
    document.documentElement.lang = '';
  });

  it('asks the page for a fresh token once after a 401', async () => {
    const calls = { stale: 0, fresh: 0 };
    server.use(
      http.get(`${apiBase}/trpc/customer.me`, ({ request }) => {
        const fresh = request.headers.get('authorization') === 'Bearer fresh';
        calls[fresh ? 'fresh' : 'stale']++;
        return fresh
          ? HttpResponse.json([{ result: { data: customerMe({ name: 'Fresh Alice' }) } }])
          : HttpResponse.json([{ error: { message: 'UNAUTHORIZED', code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401 } } }], {
              status: 401,
            });
      }),
    );
    const getToken = vi.fn(({ forceRefresh = false } = {}) => (forceRefresh ? 'fresh' : 'stale'));
    const { Widget } = defineWidget({ name: 'greeting-401', component: Greeting, messages });
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_refresh" getToken={getToken} locale="en" />);
    expect(await screen.findByText('Hello, Fresh Alice')).toBeTruthy();
    // Every 401 was retried exactly once, with a token the page was asked to refresh.
    expect(calls.fresh).toBeGreaterThan(0);
    expect(calls.fresh).toBe(calls.stale);
    expect(getToken).toHaveBeenCalledWith({ forceRefresh: true });
  });

  it('shows a quiet fallback when the widget throws, reports it as an event, and leaves the page alone', async () => {
    const received: unknown[] = [];
    server.use(
      http.post(`${apiBase}/api/events`, async ({ request }) => {
        received.push(...((await request.json()) as { batch: unknown[] }).batch);
        return HttpResponse.json({ accepted: 1, duplicates: 0 });
      }),
    );
    vi.spyOn(console, 'error').mockImplementation(() => {}); // React logs caught render errors.
    function Broken(): never {
      throw new Error('kaboom');
    }
    const { Widget } = defineWidget({ name: 'broken', component: Broken, messages });
    await renderWidget(
      <main>
        <h1>Host page</h1>
        <Widget apiBase={apiBase} publishableKey="pk_broken" locale="en" />
      </main>,
    );
    expect(screen.getByRole('note').textContent).toBe('This section isn’t available right now.');
    expect(screen.getByRole('heading', { name: 'Host page' })).toBeTruthy();
    await waitFor(
      () =>
        expect(received).toContainEqual(
          expect.objectContaining({ event: 'widget_error', properties: { widget: 'broken', message: 'kaboom' } }),
        ),
      {
        timeout: 4000,
      },
    );
  });

  it('mount renders into any element and unmount removes it', async () => {
    const { mount } = defineWidget({ name: 'mounted', component: Greeting, messages });
    const element = document.createElement('div');
    document.body.append(element);
    const unmount = mount(element, { apiBase, publishableKey: 'pk_mount', getToken: () => 't', locale: 'en' });
    await waitFor(() => expect(element.textContent).toBe('Hello, Alice Chen'));
    unmount();
    expect(element.textContent).toBe('');
  });
});

describe('flags in widgets', () => {
  it('renders nothing while the widget’s kill switch is off', async () => {
    server.use(...bffHandlers(apiBase, {}, { 'killed.enabled': { defaultValue: false } }));
    const { Widget } = defineWidget({ name: 'killed', component: Greeting, messages });
    const props = { apiBase, publishableKey: 'pk_killed', getToken: () => 't', locale: 'en' };
    const { container } = await renderWidget(<Widget {...props} />);
    // The widget waits for exactly this: the page's flags, evaluated for it.
    await act(() => getPageSession(props).flags('killed'));
    expect(container.querySelector('[data-fw-widget="killed"]')?.textContent).toBe('');
  });

  /** The BFF with one experiment, `copy-exp`, that puts everyone in variation `b`; collects posted events. */
  function copyExperiment() {
    const received: { event: string; properties: Record<string, unknown> }[] = [];
    server.use(
      http.post(`${apiBase}/api/events`, async ({ request }) => {
        received.push(...((await request.json()) as { batch: typeof received }).batch);
        return HttpResponse.json({ accepted: 1, duplicates: 0 });
      }),
      ...bffHandlers(
        apiBase,
        {},
        {
          'copy.headline': {
            defaultValue: 'a',
            rules: [
              {
                key: 'copy-exp',
                variations: ['a', 'b'],
                weights: [0, 1],
                coverage: 1,
                hashAttribute: 'id',
                hashVersion: 2,
                meta: [{ key: 'a' }, { key: 'b' }],
              },
            ],
          },
        },
      ),
    );
    return received;
  }
  function Copy() {
    const headline = useFeatureValue('copy.headline', 'a');
    const track = useTrack();
    return (
      <button type="button" onClick={() => track('referral_link_copied')}>
        Headline {headline}
      </button>
    );
  }

  it('evaluates experiments for the signed-in customer and reports the exposure once', async () => {
    const received = copyExperiment();
    const { Widget } = defineWidget({ name: 'copy', component: Copy, messages });
    await renderWidget(
      <>
        <Widget apiBase={apiBase} publishableKey="pk_exp" getToken={() => 't'} locale="en" />
        <Widget apiBase={apiBase} publishableKey="pk_exp" getToken={() => 't'} locale="en" />
      </>,
    );
    expect(await screen.findAllByText('Headline b')).toHaveLength(2);
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(received.filter((e) => e.event === 'experiment_viewed')).toHaveLength(1), { timeout: 4000 });
    // With the customer's dimensions at exposure time, which results break down by.
    expect(received.find((e) => e.event === 'experiment_viewed')?.properties).toEqual({
      experiment_id: 'copy-exp',
      variation_id: 'b',
      locale: 'en',
      plan: 'pro',
      tier: 'champion',
    });
  });

  it('a preview page shows the value asked for and records nothing', async () => {
    const received = copyExperiment();
    const props = { apiBase, publishableKey: 'pk_preview', getToken: () => 't', locale: 'en' };
    const session = getPageSession(props);
    session.preview({ 'copy.headline': 'a' });
    const { Widget } = defineWidget({ name: 'copy', component: Copy, messages });
    await renderWidget(<Widget {...props} />);
    fireEvent.click(await screen.findByText('Headline a'));
    await session.tracker.flush();
    expect(received).toEqual([]);
  });
});
