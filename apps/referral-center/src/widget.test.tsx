import { bffHandlers, TrpcMockError } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Widget } from './index.ts';

const apiBase = 'http://bff.test';
const server = setupServer(...bffHandlers(apiBase));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

describe('referral center', () => {
  it('greets the signed-in customer and shows the empty sections', async () => {
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_test_demo" getToken={() => 't'} locale="en" />);
    expect(await screen.findByText('Hi Alice Chen, share Flywheel with friends and you both get a reward.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Invite friends, earn rewards' })).toBeTruthy();
    expect(screen.getByText('Nobody invited yet.')).toBeTruthy();
  });

  it('speaks Simplified Chinese', async () => {
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_zh" getToken={() => 't'} locale="zh-CN" />);
    expect(await screen.findByRole('heading', { name: '邀请好友，赢取奖励' })).toBeTruthy();
  });

  it('leads with the headline of the copy experiment’s variation', async () => {
    server.use(...bffHandlers(apiBase, {}, { 'referral-center.headline': { defaultValue: 'control', rules: [{ force: 'give-get' }] } }));
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_copy" getToken={() => 't'} locale="en" />);
    expect(await screen.findByRole('heading', { name: 'Give a month, get a month' })).toBeTruthy();
  });

  it('says what went wrong and offers a retry when the BFF fails', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'customer.me': () => {
          throw new TrpcMockError(500, 'INTERNAL_SERVER_ERROR');
        },
      }),
    );
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_error" getToken={() => 't'} locale="en" />);
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain('couldn’t load your referral details');
    server.resetHandlers();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Hi Alice Chen/)).toBeTruthy();
  });
});
