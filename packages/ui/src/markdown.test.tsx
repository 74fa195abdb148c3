// @vitest-environment jsdom
// DOMPurify relies on a browser-faithful HTML parser: jsdom is one, happy-dom is not.
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Markdown, renderMarkdown } from './markdown.tsx';

describe('Markdown', () => {
  it('renders what customers write: headings, emphasis, lists, links and images', () => {
    const html = renderMarkdown(
      '# How we grew\n\n**3×** signups:\n\n- invite\n- share\n\n[our site](https://example.com) ![chart](https://cdn.example.com/c.png)',
    );
    expect(html).toContain('<h1>How we grew</h1>');
    expect(html).toContain('<strong>3×</strong>');
    expect(html).toContain('<li>invite</li>');
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer nofollow ugc"');
    expect(html).toContain('src="https://cdn.example.com/c.png"');
  });

  it.each([
    ['a script tag', '<script>window.owned = 1</script>hello'],
    ['an event handler', '<img src="x" onerror="window.owned = 1">'],
    ['a javascript: link', '[click](javascript:window.owned=1)'],
    ['a javascript: link in raw HTML', '<a href="javascript:window.owned=1">click</a>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['an svg with script', '<svg><script>window.owned = 1</script></svg>'],
    ['a style that covers the page', '<div style="position:fixed;inset:0">x</div>'],
    ['a form', '<form action="https://evil.example"><input name="password"></form>'],
  ])('removes %s', (_, source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|style=|<form|<input/i);
  });

  it('renders into the page without running anything', () => {
    const { container } = render(<Markdown source={'<img src="x" onerror="window.owned = 1"> **safe**'} />);
    expect(container.querySelector('.fw-markdown strong')?.textContent).toBe('safe');
    expect(container.querySelector('img')?.getAttribute('onerror')).toBeNull();
    expect((window as { owned?: number }).owned).toBeUndefined();
  });
});
