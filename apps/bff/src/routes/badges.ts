import { type ApiDeps, achievements } from '@flywheel/api';
import { inLocale } from '@flywheel/contracts/widget';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { z } from 'zod';
import { corsFirst } from '../middleware/headers-first.ts';
import { QR_HEADERS, qrPng } from '../qr.ts';
import { notFoundPage, publicPage, visitorLocale } from '../web/public-page.ts';

const awardId = z.uuid();
const tenantId = z.uuid();

const PAGE_TEXT = {
  en: {
    earned: (who: string | null, issuer: string) => `${who ?? 'A customer'} earned this badge from ${issuer}`,
    on: 'Earned on',
    revoked: 'This badge was revoked: what earned it was taken back.',
    verify: 'Verify',
    verifyText:
      'This badge is an Open Badges 3.0 verifiable credential, signed by its issuer. Any Open Badges verifier can check it from the credential or the baked image.',
    credential: 'Credential (VC-JWT)',
    image: 'Badge image with the credential baked in',
    issuer: 'Issuer (DID document)',
    missing: 'This badge is not public, or does not exist.',
  },
  'zh-CN': {
    earned: (who: string | null, issuer: string) => `${who ?? '一位客户'}获得了 ${issuer} 颁发的这枚徽章`,
    on: '获得于',
    revoked: '这枚徽章已被撤销：获得它的依据已被收回。',
    verify: '验证',
    verifyText: '这枚徽章是由颁发方签名的 Open Badges 3.0 可验证凭证。任何 Open Badges 验证工具都可以通过凭证或内嵌凭证的图片进行验证。',
    credential: '凭证（VC-JWT）',
    image: '内嵌凭证的徽章图片',
    issuer: '颁发方（DID 文档）',
    missing: '这枚徽章未公开，或不存在。',
  },
} as const;

/**
 * The public side of badges: each award's page (`/b/<award id>`, plain server-rendered HTML with
 * Open Graph and Twitter card tags, in the visitor's language), its images, its credential, and
 * the issuer's DID document and revocation status list that verifiers fetch. An award is shown
 * only while its customer has made it public; the issuer documents are public by nature.
 */
export function badgeRoutes(api: ApiDeps, publicUrl: string | undefined) {
  const { db } = api;
  const { secretsKey } = api.webhooks;
  const originOf = (url: string) => publicUrl ?? new URL(url).origin;

  const publicAward = async (raw: string) => {
    const parsed = awardId.safeParse(raw);
    return parsed.success ? achievements.publicAward(db, parsed.data) : null;
  };

  return (
    new Hono()
      .use('/issuers/*', corsFirst({ origin: '*' }))
      .use('/api/credentials/*', corsFirst({ origin: '*' }))
      .get('/issuers/:tenantId/did.json', async (c) => {
        const id = tenantId.safeParse(c.req.param('tenantId'));
        const document = id.success ? await achievements.didDocument(db, secretsKey, originOf(c.req.url), id.data) : null;
        if (!document) return c.json({ error: 'not_found', message: 'No such issuer.' }, 404);
        return c.json(document, 200, { 'content-type': 'application/did+json', 'cache-control': 'public, max-age=300' });
      })
      .get('/issuers/:tenantId/status/revocation', async (c) => {
        const id = tenantId.safeParse(c.req.param('tenantId'));
        const list = id.success ? await achievements.statusListCredential(db, secretsKey, originOf(c.req.url), id.data) : null;
        if (!list) return c.json({ error: 'not_found', message: 'No such issuer.' }, 404);
        // Short-lived: a revocation must reach verifiers within a minute.
        return c.body(list, 200, { 'content-type': 'application/vc+jwt', 'cache-control': 'public, max-age=60' });
      })
      .get('/api/credentials/:awardId', async (c) => {
        const award = await publicAward(c.req.param('awardId'));
        const jwt = award ? await achievements.awardCredential(db, secretsKey, originOf(c.req.url), award.id) : null;
        if (!jwt) return c.json({ error: 'not_found', message: 'No public badge with this id.' }, 404);
        return c.body(jwt, 200, { 'content-type': 'application/vc+jwt', 'cache-control': 'no-cache' });
      })
      .get('/b/:awardId/og.png', async (c) => {
        const award = await publicAward(c.req.param('awardId'));
        if (!award) return c.body(null, 404);
        const texts = inLocale(award.texts, visitorLocale(c));
        const png = achievements.openGraphPng({
          design: award.design,
          title: texts.name,
          subtitle: texts.description,
          issuer: award.issuer,
        });
        return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' });
      })
      // The page's QR code for sharing in WeChat, drawn here so widgets do not ship a QR encoder.
      .get('/b/:awardId/qr.png', async (c) => {
        const award = await publicAward(c.req.param('awardId'));
        if (!award) return c.body(null, 404);
        return c.body(qrPng(`${originOf(c.req.url)}${achievements.badgePagePath(award.id)}`), 200, QR_HEADERS);
      })
      .get('/b/:awardId/badge.png', async (c) => {
        const award = await publicAward(c.req.param('awardId'));
        const jwt = award ? await achievements.awardCredential(db, secretsKey, originOf(c.req.url), award.id) : null;
        if (!award || !jwt) return c.body(null, 404);
        const png = achievements.bakePng(achievements.badgePng(award.design), jwt);
        return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'no-cache' });
      })
      .get('/b/:awardId', async (c) => {
        const locale = visitorLocale(c);
        const t = PAGE_TEXT[locale];
        const award = await publicAward(c.req.param('awardId'));
        if (!award) return notFoundPage(c, locale, t.missing);
        const origin = originOf(c.req.url);
        const texts = inLocale(award.texts, locale);
        const page = `${origin}${achievements.badgePagePath(award.id)}`;
        const image = `${page}/og.png?lang=${locale}`;
        const heading = t.earned(award.earner, award.issuer);
        const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(award.awardedAt);
        // Markup of our own from a validated design (a shape name, a #rrggbb colour): nothing the customer wrote.
        const badgeSvg = achievements.badgeShapeSvg(award.design);
        c.header('cache-control', 'no-cache');
        return publicPage(c, {
          locale,
          title: `${texts.name} · ${award.issuer}`,
          meta: html`<meta name="description" content="${texts.description}">
<meta property="og:type" content="website">
<meta property="og:title" content="${texts.name}">
<meta property="og:description" content="${heading}. ${texts.description}">
<meta property="og:url" content="${page}">
<meta property="og:image" content="${image}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${texts.name}">
<meta name="twitter:description" content="${texts.description}">
<meta name="twitter:image" content="${image}">`,
          style: `svg { width: 8rem; height: 8rem; }
  h1 { margin: 0.5rem 0; }
  .revoked { color: #cf222e; font-weight: 600; }
  section { border-top: 1px solid #d0d7de; margin-top: 2rem; padding-top: 1rem; }`,
          main: html`<svg viewBox="0 0 100 100" role="img" aria-label="${texts.name}">${raw(badgeSvg)}</svg>
  <h1>${texts.name}</h1>
  <p>${heading}</p>
  <p>${texts.description}</p>
  <p><strong>${texts.criteria}</strong></p>
  <p>${t.on} <time datetime="${award.awardedAt.toISOString()}">${date}</time></p>
  ${award.revoked ? html`<p class="revoked">${t.revoked}</p>` : ''}
  <section>
    <h2>${t.verify}</h2>
    <p>${t.verifyText}</p>
    <ul>
      <li><a href="${achievements.credentialPath(award.id)}">${t.credential}</a></li>
      <li><a href="${achievements.badgePagePath(award.id)}/badge.png" download>${t.image}</a></li>
      <li><a href="${achievements.didDocumentPath(award.tenantId)}">${t.issuer}</a></li>
    </ul>
  </section>`,
        });
      })
  );
}
