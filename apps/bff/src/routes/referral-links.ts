import { randomUUID } from 'node:crypto';
import { followLink, normalizeCode } from '@flywheel/api';
import { REFERRAL_CHANNELS } from '@flywheel/contracts/event-catalogue';
import type { Db } from '@flywheel/db';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { QR_HEADERS, qrPng } from '../qr.ts';
import type { ClientAddress } from '../remote-address.ts';

const VISITOR_COOKIE = 'fw_visitor';
const CHANNELS = new Set<string>(REFERRAL_CHANNELS);

/**
 * `GET /r/:code`: a referral link. Records the click (once per visitor, with the share channel from
 * `?via=`), then redirects to the tenant's landing page with `?ref=<code>`.
 */
export function referralLinkRoutes(db: Db, clientAddress: ClientAddress, publicUrl: string | undefined) {
  return (
    new Hono()
      // The link's QR code (for WeChat and print), with its share channel; drawn here so widgets ship no QR encoder.
      .get('/:code/qr.png', (c) => {
        const code = normalizeCode(c.req.param('code'));
        if (!code) return c.body(null, 404);
        const via = c.req.query('via');
        const link = `${publicUrl ?? new URL(c.req.url).origin}/r/${code}${via && CHANNELS.has(via) ? `?via=${via}` : ''}`;
        return c.body(qrPng(link), 200, QR_HEADERS);
      })
      .get('/:code', async (c) => {
        const cookie = getCookie(c, VISITOR_COOKIE);
        const returning = cookie !== undefined && /^[\w-]{16,64}$/.test(cookie);
        const visitor = returning ? cookie : randomUUID();
        if (!returning) setCookie(c, VISITOR_COOKIE, visitor, { httpOnly: true, sameSite: 'Lax', path: '/r', maxAge: 60 * 60 * 24 * 90 });
        const via = c.req.query('via');
        const target = await followLink(db, c.req.param('code'), {
          anonymousId: visitor,
          returning,
          channel: via && CHANNELS.has(via) ? via : null,
          ip: clientAddress(c),
          userAgent: c.req.header('user-agent') ?? '',
        });
        if (!target)
          return c.html(
            '<!doctype html><title>Invite not found</title><p>This invite link is not valid. Ask your friend for a new one.</p>',
            404,
          );
        return c.redirect(target, 302);
      })
  );
}
