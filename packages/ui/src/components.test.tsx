import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Button, Input, Tabs, ToastProvider, useToast } from './components.tsx';

describe('ui', () => {
  it('tabs move with the arrow keys and keep one tab stop', () => {
    render(
      <Tabs
        label="Sections"
        tabs={[
          { id: 'a', label: 'Alpha', panel: 'Panel A' },
          { id: 'b', label: 'Beta', panel: 'Panel B' },
        ]}
      />,
    );
    const alpha = screen.getByRole('tab', { name: 'Alpha' });
    expect(alpha.getAttribute('tabindex')).toBe('0');
    expect(screen.getByRole('tab', { name: 'Beta' }).getAttribute('tabindex')).toBe('-1');
    fireEvent.keyDown(alpha, { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Beta' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Beta' }).textContent).toBe('Panel B');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Beta' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Alpha' }).getAttribute('aria-selected')).toBe('true');
  });

  it('inputs are labelled and describe their error', () => {
    render(<Input label="Email" error="Enter an email address" />);
    const input = screen.getByLabelText('Email');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('error');
    expect(screen.getByRole('alert').textContent).toBe('Enter an email address');
  });

  it('toasts are announced in a polite live region', () => {
    function Copy() {
      const toast = useToast();
      return <Button onClick={() => toast.show('Link copied')}>Copy</Button>;
    }
    render(
      <ToastProvider>
        <Copy />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getByRole('status').textContent).toBe('Link copied');
  });
});
