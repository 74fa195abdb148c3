import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../i18n.ts';
import { DeadLetterTable } from './platform.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const row = {
  id: 42,
  reaction: 'webhooks.fan-out',
  attempts: 8,
  lastError: 'https://hooks.acme.example/flywheel: HTTP 503',
  receivedAt: '2026-11-30T10:00:00Z',
  event: 'reward_approved',
  messageId: 'reward:1:approved',
  userId: 'alice',
};

describe('DeadLetterTable', () => {
  it('shows which reaction gave up on which event and why, and replays the one asked for', () => {
    const onReplay = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <DeadLetterTable rows={[row]} onReplay={onReplay} replaying={false} />
      </I18nextProvider>,
    );
    const cells = within(screen.getAllByRole('row')[1] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual([
      'webhooks.fan-out',
      'reward_approved',
      'alice',
      '8',
      'https://hooks.acme.example/flywheel: HTTP 503',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(onReplay).toHaveBeenCalledWith([42]);
  });

  it('speaks Simplified Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    render(
      <I18nextProvider i18n={i18n}>
        <DeadLetterTable rows={[row]} onReplay={() => {}} replaying={true} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('columnheader', { name: '最近错误' })).toBeTruthy();
    expect((screen.getByRole('button', { name: '重放' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
