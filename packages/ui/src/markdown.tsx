import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'react';

// One parser for every renderer: GitHub-flavoured Markdown, line breaks as written. Raw HTML in
// the source is parsed like any other markup and then removed or defused by DOMPurify below.
const marked = new Marked({ gfm: true, breaks: true, async: false });

let hooked = false;
/** Links customers write open in a new tab and can neither reach `window.opener` nor pass on referrers. */
function purifier() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer nofollow ugc');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

/**
 * Markdown as safe HTML: parsed by marked, then sanitized by DOMPurify's HTML profile (no
 * scripts, event handlers, `javascript:` URLs, forms, iframes or styles), so nothing a customer
 * writes runs on the tenant's page. A separate entry (`@flywheel/ui/markdown`) so only widgets
 * that render Markdown download the parser.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return purifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
  });
}

export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // The one place customer-written HTML reaches the DOM, and only after renderMarkdown sanitized it.
  return <div className={['fw-markdown', className].filter(Boolean).join(' ')} dangerouslySetInnerHTML={{ __html: html }} />;
}
