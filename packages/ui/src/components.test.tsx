import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { Button, Dialog, ErrorBoundary, Input, LikeToggle, Progress, Tabs, Textarea, ToastProvider, useToast } from './components.tsx';

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
    // Copying twice says it once more, not twice side by side.
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getByRole('status').textContent).toBe('Link copied');
  });

  it('a dialog is labelled by its title, takes focus and closes on Esc, giving focus back', () => {
    function Confirm() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <Button onClick={() => setOpen(true)}>Publish</Button>
          <Dialog open={open} onClose={() => setOpen(false)} title="Publish your story?" closeLabel="Close">
            <Button>Yes, publish</Button>
          </Dialog>
        </>
      );
    }
    render(<Confirm />);
    const opener = screen.getByRole('button', { name: 'Publish' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Publish your story?' });
    expect(dialog.hasAttribute('open')).toBe(true);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('a like toggle says whether it is pressed and flips on click', () => {
    function Like() {
      const [liked, setLiked] = useState(false);
      return <LikeToggle pressed={liked} count={liked ? 4 : 3} label="Like" onToggle={setLiked} />;
    }
    render(<Like />);
    const like = screen.getByRole('button', { name: /Like/ });
    expect(like.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(like);
    expect(like.getAttribute('aria-pressed')).toBe('true');
    expect(like.textContent).toContain('4');
  });

  it('progress is a labelled bar that never overflows', () => {
    render(<Progress value={7} max={5} label="5 of 5 milestones" />);
    const bar = screen.getByRole('progressbar', { name: '5 of 5 milestones' });
    expect(bar.getAttribute('value')).toBe('5');
  });

  it('a textarea is labelled like an input', () => {
    render(<Textarea label="Your story" hint="Markdown works" />);
    expect(screen.getByLabelText('Your story').getAttribute('aria-describedby')).toContain('hint');
  });

  it('the error boundary shows its fallback and reports the error once', () => {
    const errors: string[] = [];
    function Broken(): never {
      throw new Error('boom');
    }
    const quiet = console.error;
    console.error = () => {};
    try {
      render(
        <ErrorBoundary fallback={<p>Something went wrong</p>} onError={(e) => errors.push(e.message)}>
          <Broken />
        </ErrorBoundary>,
      );
    } finally {
      console.error = quiet;
    }
    expect(screen.getByText('Something went wrong')).toBeTruthy();
    expect(errors).toEqual(['boom']);
  });
});
