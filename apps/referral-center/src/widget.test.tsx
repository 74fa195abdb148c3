import { referralSummary } from '@flywheel/testing/factories';
import { bffHandlers, TrpcMockError } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { messageProblems } from '@flywheel/widget-kit';
import { cleanup, fireEvent, screen } from '@testing-library/react';
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

const render = (locale = 'en', key = 'pk_test_demo') =>
  renderWidget(<Widget apiBase={apiBase} publishableKey={key} getToken={() => 't'} locale={locale} />);

describe('referral center', () => {
  it('shows the link, the code and what both sides get, in plain words', async () => {
    await render();
    expect(await screen.findByRole('region', { name: 'Invite friends, earn rewards' })).toBeTruthy();
    const invite = await screen.findByRole('region', { name: 'Your invite link' });
    expect(invite.querySelector('.fw-referral__url')?.textContent).toBe('Invite link: http://bff.test/r/K7M2Q9XA');
    expect(screen.getByText('Your code: K7M2Q9XA')).toBeTruthy();
    expect(screen.getByText('Give your friends $20.00. You get $20.00 when they subscribe.')).toBeTruthy();
    expect(screen.getByText('0 of 3 friends subscribed toward your next reward: 500 points')).toBeTruthy();
    expect(screen.getByText('Nobody invited yet.')).toBeTruthy();
    const email = screen.getByRole('link', { name: /Email/ });
    expect(email.getAttribute('href')).toContain(encodeURIComponent('http://bff.test/r/K7M2Q9XA?via=email'));
  });

  it('lists invited friends with masked emails and their status, and the rewards', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'referral.summary': () =>
          referralSummary({
            friends: [
              { id: '1', name: 'Bea', email: 'b***a@example.com', status: 'approved' },
              { id: '2', name: null, email: 'c***s@example.com', status: 'held' },
            ],
            rewards: {
              items: [
                {
                  id: 'g2',
                  at: '2026-11-20T10:00:00.000Z',
                  spec: { type: 'points', amount: 500 },
                  status: 'pending',
                  for: { kind: 'milestone', friends: 3 },
                  approvesAt: null,
                },
                {
                  id: 'g1',
                  at: '2026-11-18T10:00:00.000Z',
                  spec: { type: 'credit', amount: 20, currency: 'USD' },
                  status: 'pending',
                  for: { kind: 'friend', name: 'Bea' },
                  approvesAt: '2026-11-21T10:00:00.000Z',
                },
                {
                  id: 'g0',
                  at: '2026-11-02T10:00:00.000Z',
                  spec: { type: 'credit', amount: 20, currency: 'USD' },
                  status: 'approved',
                  for: { kind: 'invitedBy', name: 'Alice' },
                  approvesAt: null,
                },
              ],
              totals: {
                earned: [{ type: 'credit', amount: 20, currency: 'USD' }],
                pending: [
                  { type: 'credit', amount: 20, currency: 'USD' },
                  { type: 'points', amount: 500 },
                ],
              },
            },
            milestones: { qualified: 1, next: { friends: 3, reward: { type: 'points', amount: 500 } } },
          }),
      }),
    );
    await render('en', 'pk_friends');
    expect(await screen.findByText('Reward approved')).toBeTruthy();
    expect(screen.getByText('c***s@example.com')).toBeTruthy();
    expect(screen.getByText('Held for review')).toBeTruthy();
    expect(screen.getByTestId('rewards-earned').textContent).toBe('$20.00');
    expect(screen.getByTestId('rewards-pending').textContent).toBe('$20.00 · 500\u00a0points');
    // Each reward: when, what for, how much, and until when it is held.
    const rows = screen.getAllByRole('row').map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Date', 'For', 'Reward', 'Status'],
      ['Nov 20, 2026', 'Reaching 3 friends', '500\u00a0points', 'Pending'],
      ['Nov 18, 2026', 'Bea', '$20.00', 'Pending until Nov 21, 2026'],
      ['Nov 2, 2026', 'Alice invited you', '$20.00', 'Approved'],
    ]);
  });

  it('says a paused program is paused instead of offering the link, and shows the terms in the customer’s language', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'referral.summary': () => referralSummary({ paused: true, terms: { en: 'One reward per friend.', 'zh-CN': '每位好友奖励一次。' } }),
      }),
    );
    await render('zh-CN', 'pk_paused');
    expect(await screen.findByText(/^邀请活动暂停中/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '复制链接' })).toBeNull();
    fireEvent.click(screen.getByText('活动条款'));
    expect(screen.getByText('每位好友奖励一次。')).toBeTruthy();
  });

  it('invites a friend by email, and says so; a second invite to them says it was sent already', async () => {
    await render('en', 'pk_email');
    const field = await screen.findByLabelText('Invite a friend by email');
    fireEvent.change(field, { target: { value: 'Lin@Example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send invite' }));
    expect(await screen.findByText('Invite sent to lin@example.org.')).toBeTruthy();
    expect((field as HTMLInputElement).value).toBe('');
    server.use(
      ...bffHandlers(apiBase, {
        'referral.inviteByEmail': () => {
          throw new TrpcMockError(409, 'CONFLICT');
        },
      }),
    );
    fireEvent.change(field, { target: { value: 'lin@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You invited this address already.');
    // Their own address (a plus-tag does not hide it): said as such, not as a malformed address.
    server.use(
      ...bffHandlers(apiBase, {
        'referral.inviteByEmail': () => {
          throw new TrpcMockError(400, 'BAD_REQUEST', 'own_address');
        },
      }),
    );
    fireEvent.change(field, { target: { value: 'me+friend@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send invite' }));
    await expect.poll(async () => (await screen.findByRole('alert')).textContent).toBe('That’s your own address: enter a friend’s.');
  });

  it('shows the latest five rewards, and the whole history on asking', async () => {
    const items = Array.from({ length: 7 }, (_, i) => ({
      id: `g${i}`,
      at: `2026-11-${String(20 - i).padStart(2, '0')}T10:00:00.000Z`,
      spec: { type: 'credit' as const, amount: 20, currency: 'USD' },
      status: 'approved' as const,
      for: { kind: 'friend' as const, name: `Friend ${i}` },
      approvesAt: null,
    }));
    server.use(
      ...bffHandlers(apiBase, {
        'referral.summary': () =>
          referralSummary({ rewards: { items, totals: { earned: [{ type: 'credit', amount: 140, currency: 'USD' }], pending: [] } } }),
      }),
    );
    await render('en', 'pk_history');
    const all = await screen.findByRole('button', { name: 'See all 7 rewards' });
    expect(screen.getAllByRole('row')).toHaveLength(1 + 5);
    fireEvent.click(all);
    expect(screen.getAllByRole('row')).toHaveLength(1 + 7);
    expect(screen.getByRole('rowheader', { name: 'Friend 6' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show the latest only' }).getAttribute('aria-expanded')).toBe('true');
  });

  it('speaks Simplified Chinese, with WeChat sharing by QR code', async () => {
    await render('zh-CN', 'pk_zh');
    expect(await screen.findByRole('heading', { name: '邀请好友，赢取奖励' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: '微信扫码分享' })).toBeTruthy();
  });

  it('leads with the headline of the copy experiment’s variation', async () => {
    server.use(...bffHandlers(apiBase, {}, { 'referral-center.headline': { defaultValue: 'control', rules: [{ force: 'give-get' }] } }));
    await render('en', 'pk_copy');
    // The headline names the program's real rewards, the same amounts as the offer under it.
    expect(await screen.findByRole('heading', { name: 'Give $20.00, get $20.00' })).toBeTruthy();
    expect(screen.getByText('Give your friends $20.00. You get $20.00 when they subscribe.')).toBeTruthy();
  });

  it('leads with copy a marketer wrote in the console, in the customer’s language and with the real rewards', async () => {
    server.use(
      ...bffHandlers(
        apiBase,
        { 'copy.texts': () => ({ 'two-sided': { en: 'You and a friend each get {{referrer}}', 'zh-CN': '你和好友各得{{referrer}}' } }) },
        { 'referral-center.headline': { defaultValue: 'control', rules: [{ force: 'two-sided' }] } },
      ),
    );
    await render('zh-CN', 'pk_console_copy');
    expect(await screen.findByRole('heading', { name: '你和好友各得US$20.00' })).toBeTruthy();
  });

  it('falls back to its own headline for a variation it has no copy for', async () => {
    server.use(
      ...bffHandlers(
        apiBase,
        { 'copy.texts': () => ({}) },
        { 'referral-center.headline': { defaultValue: 'control', rules: [{ force: 'gone' }] } },
      ),
    );
    await render('en', 'pk_no_copy');
    expect(await screen.findByRole('heading', { name: 'Invite friends, earn rewards' })).toBeTruthy();
  });

  it('says what went wrong and offers a retry when the BFF fails', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'referral.summary': () => {
          throw new TrpcMockError(500, 'INTERNAL_SERVER_ERROR');
        },
      }),
    );
    await render('en', 'pk_error');
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain('couldn’t load your referral details');
    server.resetHandlers();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Your code: K7M2Q9XA')).toBeTruthy();
  });

  it('has every string in both languages, with the same placeholders', () => {
    expect(messageProblems(messages)).toEqual([]);
  });
});
