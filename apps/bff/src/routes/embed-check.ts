import { type ApiDeps, authenticateWidgetRequest, refusalMessage } from '@flywheel/api';
import { Hono } from 'hono';
import { corsFirst } from '../middleware/headers-first.ts';
import { type RegistrySource, registryEntries } from '../web/widgets.ts';

type Problem = { reason: string; message: string; widget?: string };

/**
 * `GET /api/embed/check?widgets=a,b`: what embed.js asks once per page, with the page's key, its
 * token when it has one, and its Origin: is anything misconfigured, and how to fix it; and the
 * tenant's branding defaults and language. Readable from any page (CORS *): it says only what the
 * page's own requests would be told, and branding is public.
 */
export function embedCheckRoutes(api: ApiDeps, registry: RegistrySource) {
  return new Hono().use(corsFirst({ origin: '*', allowHeaders: ['authorization', 'x-flywheel-key'] })).get('/', async (c) => {
    c.header('cache-control', 'no-store');
    const problems: Problem[] = [];
    const auth = await authenticateWidgetRequest(api.tenants, c.req.raw.headers, c.req.url);
    if (auth.status !== 'ok') {
      const reason = auth.status === 'none' ? 'missing_key' : auth.refusal;
      problems.push({
        reason,
        message: refusalMessage(reason, { origin: c.req.header('origin'), publishableKey: c.req.header('x-flywheel-key') }),
      });
    }
    const known = new Set(registryEntries(registry, new URL(c.req.url).origin).map((entry) => entry.name));
    for (const widget of (c.req.query('widgets') ?? '').split(',').filter(Boolean).slice(0, 20)) {
      if (known.has(widget)) continue;
      problems.push({
        reason: 'widget_unknown',
        widget,
        message: `There is no widget named "${widget}". Known widgets: ${[...known].sort().join(', ')}.`,
      });
    }
    // The tenant's branding and language come along: embed.js themes and words its widgets by them.
    const tenant = auth.status === 'ok' ? auth.tenant : null;
    return c.json({ ok: problems.length === 0, problems, branding: tenant?.branding ?? {}, defaultLocale: tenant?.defaultLocale ?? null });
  });
}
