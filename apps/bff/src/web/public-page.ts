import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every public page shares: readable on any screen, no JavaScript, nothing from another origin. */
const BASE_STYLE = `body { font: 16px/1.5 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; margin: 0; }
  main { max-width: 44rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 12px; }`;

/**
 * A server-rendered public page (a badge, a value report): one document shape, every value
 * escaped by `html`; `style` is the page's own CSS, never anything a customer wrote.
 */
export function publicPage(page: { locale: string; title: string; meta?: Markup; style?: string; main: Markup }) {
  return html`<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
${page.meta ?? ''}
<style>
  ${raw(BASE_STYLE)}
  ${raw(page.style ?? '')}
</style>
</head>
<body>
<main>
${page.main}
</main>
</body>
</html>`;
}

/** The page for an address that shows nothing (not public, not there), in the visitor's language. */
export const notFoundPage = (locale: string, message: string) => publicPage({ locale, title: '404', main: html`<p>${message}</p>` });
