import { successPlan } from '@flywheel/testing/factories';
import { bffHandlers, TrpcMockError } from '@flywheel/testing/msw/bff';
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
const render = (key: string, locale = 'en') =>
  renderWidget(<Widget apiBase={apiBase} publishableKey={key} getToken={() => 't'} locale={locale} />);

describe('success-plan', () => {
  it('shows the plan by phase: done with its date, overdue, the next one, and progress "1 of 3"', async () => {
    await render('pk_plan');
    expect(await screen.findByRole('heading', { name: 'Get started with Acme' })).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: '1 of 3 milestones · day 6 of 90' })).toBeTruthy();
    const onboard = screen.getByRole('list', { name: 'Milestones: Onboard' });
    expect(
      within(onboard)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.fw-badge')?.textContent),
    ).toEqual(['Done Nov 28, 2026', 'Overdue since Dec 1, 2026']);
    expect(within(onboard).getAllByRole('listitem')[1]?.getAttribute('aria-current')).toBe('step');
    expect(screen.getByRole('progressbar', { name: '1 of 3' })).toBeTruthy();
    expect(screen.getByText('Let’s get you back on track: the next milestone below is a good place to start.')).toBeTruthy();
  });

  it('starts the plan the first time the customer opens it', async () => {
    let started = 0;
    server.use(
      ...bffHandlers(apiBase, {
        'successPlan.plan': () => null,
        'successPlan.start': () => {
          started++;
          return successPlan({ day: 0 });
        },
      }),
    );
    await render('pk_start');
    expect(await screen.findByRole('heading', { name: 'Get started with Acme' })).toBeTruthy();
    expect(started).toBe(1);
  });

  it('says calmly when no plan fits yet', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'successPlan.plan': () => null,
        'successPlan.start': () => {
          throw new TrpcMockError(404, 'NOT_FOUND');
        },
      }),
    );
    await render('pk_none');
    expect(await screen.findByText('Your success plan is not ready yet. Check back soon.')).toBeTruthy();
  });

  it('ticks a task', async () => {
    const ticked: boolean[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        'successPlan.tick': (input) => {
          ticked.push(input.done);
          const plan = successPlan();
          return { ...plan, tasks: plan.tasks.map((t) => ({ ...t, done: input.done, doneBy: 'customer' as const })) };
        },
      }),
    );
    await render('pk_tick');
    const task = await screen.findByRole('checkbox', { name: 'Watch the 5-minute product tour' });
    fireEvent.click(task);
    expect(await screen.findByRole('checkbox', { name: 'Watch the 5-minute product tour', checked: true })).toBeTruthy();
    expect(ticked).toEqual([true]);
  });

  it('asks NPS when it is due, sends the answer with its comment, and thanks the customer', async () => {
    const answers: unknown[] = [];
    let due = true;
    server.use(
      ...bffHandlers(apiBase, {
        'successPlan.npsDue': () => ({ due }),
        'successPlan.answerNps': (input) => {
          answers.push(input.answer);
          due = false;
          return { answered: true };
        },
      }),
    );
    await render('pk_nps');
    const question = await screen.findByRole('group', { name: 'How likely are you to recommend Acme to a friend or colleague?' });
    fireEvent.click(within(question).getByRole('radio', { name: '9' }));
    fireEvent.change(screen.getByLabelText('What is the main reason for your score? (optional)'), { target: { value: 'Fast reports' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Thank you! Your answer helps us make Acme better.')).toBeTruthy();
    expect(answers).toEqual([{ score: 9, comment: 'Fast reports' }]);
  });

  it('makes the quarter’s value report on demand, with its page and PDF', async () => {
    await render('pk_report');
    fireEvent.click(await screen.findByRole('button', { name: 'See what you achieved this quarter' }));
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('row', { name: /Reports created/ }).textContent).toBe('Reports created124+8');
    expect(screen.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(
      `${apiBase}/v/3b0c6f1e-0000-4000-8000-000000000001/report.pdf?lang=en`,
    );
  });

  it('speaks Simplified Chinese', async () => {
    await render('pk_zh', 'zh-CN');
    expect(await screen.findByText('第 1–15 天')).toBeTruthy();
  });

  it('has every string in both languages, with the same placeholders', () => {
    expect(messageProblems(messages)).toEqual([]);
  });
});
