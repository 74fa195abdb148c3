import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n.ts';
import { DeadLetterTable } from './page.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const row = {
  kind: 'reaction' as const,
  id: 42,
  name: 'referral.milestones',
  attempts: 8,
  lastError: 'program has no milestones',
  since: '2026-11-30T10:00:00.000Z',
  event: 'referral_qualified',
  userId: 'alice',
};

describe('DeadLetterTable', () => {
  it('shows which reaction gave up on which event and why, and replays the one asked for', () => {
    const onReplay = vi.fn();
    render(
      <I18nextProvider i18n={i18n}>
        <DeadLetterTable query={{ isPending: false, error: null, data: [row], refetch: () => {} }} onReplay={onReplay} replaying={false} />
      </I18nextProvider>,
    );
    const cells = within(screen.getAllByRole('row')[1] as HTMLElement)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells.slice(0, 5)).toEqual(['referral.milestones reaction', 'referral_qualified', 'alice', '8', 'program has no milestones']);
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(onReplay).toHaveBeenCalledWith([{ kind: 'reaction', id: 42 }]);
  });

  it('speaks Simplified Chinese', async () => {
    await i18n.changeLanguage('zh-CN');
    render(
      <I18nextProvider i18n={i18n}>
        <DeadLetterTable query={{ isPending: false, error: null, data: [row], refetch: () => {} }} onReplay={() => {}} replaying={true} />
      </I18nextProvider>,
    );
    expect(screen.getByRole('columnheader', { name: '最近错误' })).toBeTruthy();
    expect((screen.getByRole('button', { name: '重放' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
