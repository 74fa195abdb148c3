import type { SanitizedHtml } from '@flywheel/contracts/ugc';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** How a body names one of its own uploaded images: `![caption](image:<id>)`, which the submit form inserts. */
export const IMAGE_REFERENCE = /^image:([0-9a-f-]{36})$/;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

// GitHub-flavoured Markdown, line breaks as written. HTML in the source is shown as the text it
// is, never passed through: a customer writes Markdown, not markup.
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

/** Headings start below the page's own title: a body's `#` is an `h2`. */
const demote = (level: number) => (_: string, attribs: sanitizeHtml.Attributes) => ({ tagName: `h${Math.min(level + 1, 4)}`, attribs });

/**
 * Markdown as HTML that cannot run anything, wherever it is shown (the widget's shadow root, the
 * public page, the console): rendered by marked, then passed through sanitize-html's allow-list.
 * No tag, attribute or URL scheme outside it survives: no scripts, handlers, styles, frames,
 * forms or SVG; links are http(s) or mailto and open as `nofollow ugc`; images only from the
 * submission's own uploads (`images` maps their ids to the URLs the BFF serves them at), so a
 * body can neither track its readers nor show a picture no moderator saw.
 */
export function renderBody(markdown: string, images: ReadonlyMap<string, { url: string; alt: string }>): SanitizedHtml {
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'hr',
      'h2',
      'h3',
      'h4',
      'strong',
      'em',
      'del',
      'code',
      'pre',
      'blockquote',
      'ul',
      'ol',
      'li',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'loading'], th: ['align'], td: ['align'] },
    allowedClasses: { code: [/^language-[a-z0-9+-]{1,30}$/] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      h1: demote(1),
      h2: demote(2),
      h3: demote(3),
      h4: demote(3),
      h5: demote(3),
      h6: demote(3),
      a: (_, attribs) => ({
        tagName: 'a',
        attribs: { ...attribs, rel: 'nofollow ugc noopener noreferrer', target: '_blank' },
      }),
      img: (_, attribs) => {
        const image = images.get(IMAGE_REFERENCE.exec(attribs.src ?? '')?.[1] ?? '');
        // An image that is not one of ours loses its source, and the filter below drops it.
        return image
          ? { tagName: 'img', attribs: { src: image.url, alt: attribs.alt || image.alt, loading: 'lazy' } }
          : { tagName: 'img', attribs: {} as sanitizeHtml.Attributes };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  }) as SanitizedHtml;
}
