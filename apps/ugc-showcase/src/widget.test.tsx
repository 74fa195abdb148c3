import { ugcCard, ugcDraft, ugcItem } from '@flywheel/testing/factories';
import { bffHandlers } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { messageProblems } from '@flywheel/widget-kit';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Widget } from './index.ts';
import { messages } from './messages.ts';

const apiBase = 'http://bff.test';
const server = setupServer(...bffHandlers(apiBase));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

// Each test has its own publishable key, so each gets its own page session and query cache.
const render = (key: string, { locale = 'en', signedIn = true } = {}) =>
  renderWidget(<Widget apiBase={apiBase} publishableKey={key} getToken={signedIn ? () => 't' : undefined} locale={locale} />);

describe('ugc-showcase', () => {
  it('leads the gallery with the featured story, and opens a story as the server rendered it', async () => {
    await render('pk_gallery');
    const lead = await screen.findByRole('button', { name: 'Our design system, shared' });
    expect(screen.getAllByText('Featured').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Automating invoices in an afternoon' })).toBeTruthy();
    fireEvent.click(lead);
    const story = await screen.findByRole('article', { name: 'Automating invoices in an afternoon' });
    expect(within(story).getByText('importer').tagName).toBe('STRONG');
    expect(within(story).getByText('Licence: the company may reuse it')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Back to the gallery/ }));
    expect(await screen.findByRole('button', { name: 'Our design system, shared' })).toBeTruthy();
  });

  it('likes a story once per click, and says an empty gallery is waiting for its first story', async () => {
    const likes: boolean[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        'ugc.gallery': () => ({ lead: null, items: [ugcCard()], nextCursor: null }),
        'ugc.like': (input) => {
          likes.push(input.liked);
          return { liked: input.liked, likes: 4 };
        },
      }),
    );
    await render('pk_like');
    fireEvent.click(await screen.findByRole('button', { name: 'Automating invoices in an afternoon' }));
    const like = await screen.findByRole('button', { name: /Like/ });
    expect(like.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(like);
    expect(await screen.findByRole('button', { name: /Like 4/, pressed: true })).toBeTruthy();
    expect(likes).toEqual([true]);

    server.use(...bffHandlers(apiBase, { 'ugc.gallery': () => ({ lead: null, items: [], nextCursor: null }) }));
    cleanup();
    await render('pk_empty');
    expect(await screen.findByText('Nothing published yet. Be the first to share a story.')).toBeTruthy();
  });

  it('lets an anonymous visitor read but not like or submit', async () => {
    server.use(...bffHandlers(apiBase, { 'ugc.item': () => ugcItem({ liked: false }) }));
    await render('pk_anonymous', { signedIn: false });
    fireEvent.click(await screen.findByRole('button', { name: 'Automating invoices in an afternoon' }));
    expect(await screen.findByText('Sign in to like stories.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Like/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Back/ }));
    fireEvent.click(await screen.findByRole('tab', { name: 'Share yours' }));
    expect(screen.getByText('Sign in to share your own stories and see where they stand.')).toBeTruthy();
  });

  it('shows the author why a submission was sent back, and sends the edit again', async () => {
    const updates: { id: string; title: string; draft?: boolean }[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        'ugc.mine': () => [ugcDraft()],
        'ugc.update': (input) => {
          updates.push(input);
          return { id: input.id, status: 'pending' };
        },
      }),
    );
    await render('pk_mine');
    fireEvent.click(await screen.findByRole('tab', { name: 'Your submissions' }));
    expect(await screen.findByText('Sent back')).toBeTruthy();
    expect(screen.getByText(/shows personal data/)).toBeTruthy();
    expect(screen.getByText('The moderator’s note: Please blur the customer names in the screenshot.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    const title = screen.getByLabelText('Title') as HTMLInputElement;
    expect(title.value).toBe('How we cut onboarding to a week');
    fireEvent.change(title, { target: { value: 'Onboarding in a week' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    expect(await screen.findByText('Sent. A moderator will look at it soon.')).toBeTruthy();
    expect(updates).toMatchObject([{ id: ugcDraft().id, title: 'Onboarding in a week', draft: false }]);
  });

  it('previews the body as the server renders it, and sends a new story with its tags', async () => {
    const sent: unknown[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        'ugc.preview': () => ({ html: '<p>Rendered by the <em>server</em></p>' as never }),
        'ugc.submit': (input) => {
          sent.push(input);
          return { id: '55555555-5555-4555-8555-555555555555', status: 'pending' };
        },
      }),
    );
    await render('pk_submit');
    fireEvent.click(await screen.findByRole('tab', { name: 'Share yours' }));
    fireEvent.click(screen.getByLabelText('Case study'));
    fireEvent.change(screen.getByLabelText('Title'), { target: { value: 'How we grew' } });
    fireEvent.change(screen.getByLabelText(/^Summary/), { target: { value: 'Three things that worked.' } });
    fireEvent.change(screen.getByLabelText(/^Your story/), { target: { value: 'We **grew**.' } });
    fireEvent.change(screen.getByLabelText(/^Tags/), { target: { value: 'growth, 增长 ,' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findByText('server')).tagName).toBe('EM');
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    fireEvent.click(screen.getByLabelText('I agree that this may be published in the showcase.'));
    fireEvent.click(screen.getByRole('button', { name: 'Send for review' }));
    expect(await screen.findByText('Sent. A moderator will look at it soon.')).toBeTruthy();
    expect(sent).toEqual([
      {
        kind: 'case_study',
        title: 'How we grew',
        summary: 'Three things that worked.',
        body: 'We **grew**.',
        tags: ['growth', '增长'],
        imageIds: [],
        consent: { publish: true, licence: 'tenant_reuse' },
        draft: false,
      },
    ]);
  });

  it('speaks Simplified Chinese', async () => {
    await render('pk_zh', { locale: 'zh-CN' });
    expect(await screen.findByRole('tab', { name: '作品广场' })).toBeTruthy();
    expect(await screen.findByText('作者：Ada · 3 个赞')).toBeTruthy();
  });

  it('has every string in both languages, with the same placeholders', () => {
    expect(messageProblems(messages)).toEqual([]);
  });
});
