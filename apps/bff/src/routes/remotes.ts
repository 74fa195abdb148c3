import { Hono } from 'hono';
import { corsFirst } from '../middleware/headers-first.ts';
import { type RegistrySource, registryEntries } from '../web/widgets.ts';

/**
 * `GET /api/remotes`: which manifest URL and version each widget resolves to. Public (CORS *):
 * it names builds, not data, and embed.js calls it from any page.
 */
export function remotesRoutes(source: RegistrySource, publicUrl: string | undefined) {
  return new Hono().use(corsFirst({ origin: '*' })).get('/', (c) => {
    c.header('cache-control', 'no-cache');
    return c.json(registryEntries(source, publicUrl ?? new URL(c.req.url).origin));
  });
}
