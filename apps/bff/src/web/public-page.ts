import { createHash } from 'node:crypto';
import { type Locale, resolveLocale } from '@flywheel/contracts/widget';
import type { Context } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every public page shares: readable on any screen, no JavaScript, nothing from another origin. */
const BASE_STYLE = `body { font: 16px/1.5 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
  main { max-width: 44rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 12px; }
  img { max-width: 100%; height: auto; }`;

/**
 * A server-rendered public page (a badge, a value report, a showcase submission): one document
 * shape, every value escaped by `html`; `style` is the page's own CSS, never anything a customer
 * wrote. Sent with a Content-Security-Policy that allows no script at all, images from this
 * origin only, and exactly this page's stylesheet (by its hash), so even markup that slipped past
 * a sanitizer could neither run nor load anything. `forms` lets the page's own GET forms (a search) submit.
 */
export function publicPage(
  c: Context,
  page: { locale: string; title: string; meta?: Markup; style?: string; main: Markup },
  status: 200 | 404 = 200,
  options: { forms?: boolean } = {},
) {
  const css = `${BASE_STYLE}\n${page.style ?? ''}`;
  const styleHash = createHash('sha256').update(css).digest('base64');
  c.header(
    'content-security-policy',
    `default-src 'none'; img-src 'self'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action ${options.forms ? "'self'" : "'none'"}; frame-ancestors 'none'`,
  );
  return c.html(
    html`<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${page.meta ?? ''}
<style>${raw(css)}</style>
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>`,
    status,
  );
}

/** The page for an address that shows nothing (not public, not there), in the visitor's language. */
export const notFoundPage = (c: Context, locale: string, message: string) =>
  publicPage(c, { locale, title: '404', main: html`<p>${message}</p>` }, 404);

/** A public page's language: `?lang=` when the link names one, else the visitor's browser's first choice. */
export const visitorLocale = (c: Context): Locale =>
  resolveLocale(c.req.query('lang') ?? c.req.header('accept-language')?.split(',')[0]?.trim());
