import { type ApiDeps, authenticateWidgetRequest, ugc } from '@flywheel/api';
import { GalleryInput, SUBMISSION_KINDS, type SubmissionKind, UGC_LIMITS } from '@flywheel/contracts/ugc';
import type { Locale } from '@flywheel/contracts/widget';
import { TRPCError } from '@trpc/server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import { httpError, widgetAuthError } from '../http-error.ts';
import { notFoundPage, publicPage, visitorLocale } from '../web/public-page.ts';

const id = z.uuid();

const PAGE_TEXT = {
  en: {
    kinds: { case_study: 'Case study', tutorial: 'Tutorial', work: 'Work' } satisfies Record<SubmissionKind, string>,
    all: 'All',
    by: (author: string | null) => (author ? `by ${author}` : 'by a customer'),
    likes: (n: number) => `${n} ${n === 1 ? 'like' : 'likes'}`,
    showcase: (tenant: string) => `${tenant} customer showcase`,
    intro: (tenant: string) => `Case studies, tutorials and work by ${tenant}’s customers.`,
    search: 'Search',
    more: 'More',
    empty: 'Nothing published here yet.',
    back: 'All stories',
    licence: 'Licence',
    missing: 'This story is not public, or does not exist.',
  },
  'zh-CN': {
    kinds: { case_study: '客户案例', tutorial: '教程', work: '作品' } satisfies Record<SubmissionKind, string>,
    all: '全部',
    by: (author: string | null) => (author ? `作者：${author}` : '作者：一位客户'),
    likes: (n: number) => `${n} 个赞`,
    showcase: (tenant: string) => `${tenant} 客户作品展`,
    intro: (tenant: string) => `${tenant} 的客户分享的案例、教程和作品。`,
    search: '搜索',
    more: '更多',
    empty: '这里还没有发布的内容。',
    back: '全部内容',
    licence: '许可',
    missing: '这篇内容未公开，或不存在。',
  },
} as const;

const STYLE = `.cards { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
  .cards li { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem; }
  .cards h2 { font-size: 1.1rem; margin: 0.25rem 0; }
  .meta, .kind { color: #59636e; font-size: 0.9rem; }
  nav a { margin-inline-end: 0.75rem; }
  .tags { padding: 0; list-style: none; display: flex; gap: 0.5rem; flex-wrap: wrap; }
  .tags li { background: #eef1f4; border-radius: 999px; padding: 0 0.6rem; }`;

/** Errors the showcase service raises, as the plain routes answer them. */
function uploadError(c: Parameters<typeof httpError>[0], error: unknown) {
  if (!(error instanceof TRPCError)) throw error;
  if (error.code === 'PAYLOAD_TOO_LARGE') return httpError(c, 413, 'payload_too_large', error.message);
  if (error.code === 'BAD_REQUEST') return httpError(c, 400, 'invalid_image', error.message);
  throw error;
}

/**
 * The showcase's plain routes: the image upload (a file from the widget, not a tRPC call), the
 * stored images, and the public pages for anonymous visitors and search engines: a submission at
 * `/s/<id>` and a tenant's gallery at `/g/<tenant id>`, rendered on the server with Open Graph tags.
 */
export function ugcRoutes(api: ApiDeps) {
  const originOf = (url: string) => api.publicUrl ?? new URL(url).origin;
  const t = (locale: Locale) => PAGE_TEXT[locale];

  const card = (locale: Locale, item: ugc.Card) =>
    html`<li>
  ${item.cover ? html`<img src="${item.cover.url}" alt="" width="${item.cover.width}" height="${item.cover.height}" loading="lazy">` : ''}
  <p class="kind">${t(locale).kinds[item.kind]}</p>
  <h2><a href="/s/${item.id}?lang=${locale}">${item.title}</a></h2>
  <p>${item.summary}</p>
  <p class="meta">${t(locale).by(item.author)} · ${t(locale).likes(item.likes)}</p>
</li>`;

  return new Hono()
    .post(
      '/api/ugc/images',
      bodyLimit({
        maxSize: UGC_LIMITS.imageBytes,
        onError: (c) => httpError(c, 413, 'payload_too_large', `file: an image may be at most ${UGC_LIMITS.imageBytes / 1024 / 1024} MB`),
      }),
      async (c) => {
        const auth = await authenticateWidgetRequest(api.tenants, c.req.raw.headers, c.req.url);
        if (auth.status !== 'ok') return widgetAuthError(c, auth);
        if (auth.caller.kind !== 'customer') return httpError(c, 401, 'unauthenticated', 'Sign in to upload images.');
        const name = z.string().trim().min(1).max(200).safeParse(c.req.query('name'));
        if (!name.success) {
          const message = 'name: give the file’s name as ?name= (1 to 200 characters)';
          return httpError(c, 400, 'invalid_request', message, [{ path: 'name', message }]);
        }
        const bytes = Buffer.from(await c.req.arrayBuffer());
        if (bytes.length === 0) return httpError(c, 400, 'invalid_image', 'file: the request body is empty; send the image bytes.');
        try {
          return c.json(await ugc.uploadAs(api, auth.tenant.id, auth.caller.claims, { bytes, name: name.data }, originOf(c.req.url)), 201);
        } catch (error) {
          return uploadError(c, error);
        }
      },
    )
    .get('/media/:id', async (c) => {
      const image = id.safeParse(c.req.param('id')).success ? await ugc.imageFile(api.db, api.media, c.req.param('id')) : null;
      if (!image) return httpError(c, 404, 'not_found', 'No such image.');
      return c.body(new Uint8Array(image.bytes), 200, {
        'content-type': image.contentType,
        // An image's bytes never change under its id: cached for a year, by browsers and CDNs alike.
        'cache-control': 'public, max-age=31536000, immutable',
        'content-security-policy': "default-src 'none'",
        'cross-origin-resource-policy': 'cross-origin',
      });
    })
    .get('/s/:id', async (c) => {
      const locale = visitorLocale(c);
      const found = id.safeParse(c.req.param('id')).success
        ? await ugc.publicSubmission(api.db, c.req.param('id'), originOf(c.req.url))
        : null;
      if (!found) return notFoundPage(c, locale, t(locale).missing);
      const { item, tenant, tenantId } = found;
      const page = `${originOf(c.req.url)}/s/${item.id}`;
      c.header('cache-control', 'public, max-age=60');
      return publicPage(c, {
        locale,
        title: `${item.title} · ${tenant}`,
        meta: html`<meta name="description" content="${item.summary}">
<link rel="canonical" href="${page}">
<meta property="og:type" content="article">
<meta property="og:title" content="${item.title}">
<meta property="og:description" content="${item.summary}">
<meta property="og:url" content="${page}">
${item.cover ? html`<meta property="og:image" content="${item.cover.url}">` : ''}
<meta name="twitter:card" content="${item.cover ? 'summary_large_image' : 'summary'}">`,
        style: STYLE,
        main: html`<p><a href="/g/${tenantId}?lang=${locale}">← ${t(locale).back}</a></p>
  <p class="kind">${t(locale).kinds[item.kind]}</p>
  <h1>${item.title}</h1>
  <p class="meta">${t(locale).by(item.author)} · ${t(locale).likes(item.likes)}</p>
  <p><strong>${item.summary}</strong></p>
  <article>${raw(item.html)}</article>
  <ul class="tags">${item.tags.map((tag) => html`<li>${tag}</li>`)}</ul>
  <p class="meta">${t(locale).licence}: ${item.licence}</p>`,
      });
    })
    .get('/g/:tenantId', async (c) => {
      const locale = visitorLocale(c);
      const input = GalleryInput.safeParse({
        order: 'newest',
        limit: 24,
        ...(c.req.query('kind') ? { kind: c.req.query('kind') } : {}),
        ...(c.req.query('q') ? { q: c.req.query('q') } : {}),
        ...(c.req.query('cursor') ? { cursor: c.req.query('cursor') } : {}),
      });
      const tenantId = c.req.param('tenantId');
      const found =
        input.success && id.safeParse(tenantId).success
          ? await ugc.publicGallery(api.db, tenantId, input.data, originOf(c.req.url)).catch((error: unknown) => {
              if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return null;
              throw error;
            })
          : null;
      if (!found || !input.success) return notFoundPage(c, locale, t(locale).empty);
      const text = t(locale);
      const base = `/g/${tenantId}`;
      const query = (extra: Record<string, string>) => `${base}?${new URLSearchParams({ lang: locale, ...extra })}`;
      const items = found.lead ? [found.lead, ...found.items] : found.items;
      c.header('cache-control', 'public, max-age=60');
      return publicPage(
        c,
        {
          locale,
          title: text.showcase(found.tenant),
          meta: html`<meta name="description" content="${text.intro(found.tenant)}">
<meta property="og:type" content="website">
<meta property="og:title" content="${text.showcase(found.tenant)}">
<meta property="og:description" content="${text.intro(found.tenant)}">`,
          style: STYLE,
          main: html`<h1>${text.showcase(found.tenant)}</h1>
  <p>${text.intro(found.tenant)}</p>
  <nav aria-label="${text.all}"><a href="${query({})}">${text.all}</a>${SUBMISSION_KINDS.map(
    (kind) => html`<a href="${query({ kind })}" ${input.data.kind === kind ? raw('aria-current="page"') : ''}>${text.kinds[kind]}</a>`,
  )}</nav>
  <form method="get" action="${base}" role="search">
    <input type="hidden" name="lang" value="${locale}">
    <label>${text.search} <input type="search" name="q" value="${input.data.q ?? ''}" maxlength="100"></label>
    <button type="submit">${text.search}</button>
  </form>
  ${items.length ? html`<ul class="cards">${items.map((item) => card(locale, item))}</ul>` : html`<p>${text.empty}</p>`}
  ${
    found.nextCursor
      ? html`<p><a rel="next" href="${query({ ...(input.data.kind ? { kind: input.data.kind } : {}), ...(input.data.q ? { q: input.data.q } : {}), cursor: found.nextCursor })}">${text.more}</a></p>`
      : ''
  }`,
        },
        200,
        { forms: true },
      );
    });
}
