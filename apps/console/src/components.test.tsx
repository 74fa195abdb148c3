import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorText } from './components.tsx';
import { i18n } from './i18n.ts';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

/** A refusal as tRPC delivers it to the console: the server's zod issues under `data`. */
const refusal = Object.assign(new Error('holdHours: Too big: expected number to be <=2160'), {
  data: {
    issues: [{ path: 'holdHours', message: 'Too big: expected number to be <=2160', code: 'too_big', origin: 'number', maximum: 2160 }],
  },
});

describe('errors', () => {
  it('says a validation problem in the reader’s language, naming the field by its label', async () => {
    await i18n.changeLanguage('zh-CN');
    render(<ErrorText error={refusal} fields={(path) => (path === 'holdHours' ? '暂扣时间' : undefined)} />);
    expect(screen.getByRole('alert').textContent).toBe('暂扣时间：不能大于 2160');
  });

  it('keeps the server’s words for what it cannot translate', () => {
    render(<ErrorText error={new Error('url: must not point at a private or loopback address')} />);
    expect(screen.getByRole('alert').textContent).toBe('url: must not point at a private or loopback address');
  });
});
