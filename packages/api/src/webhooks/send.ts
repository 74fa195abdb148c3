import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { publicOnlyLookup } from './address.ts';

export type WebhookMessage = {
  /** `webhook-id`: the same on every retry of this message. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  timestamp: Date;
};

export type SendOutcome = {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
};

const TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 500;

/**
 * POSTs one message, signed per the Standard Webhooks specification (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`). Resolves with what happened, never throws: a 2xx is
 * a success, anything else (status, timeout, refused address) a failure to retry.
 */
export function sendWebhook(url: string, secret: string, message: WebhookMessage, allowPrivateNetworks: boolean): Promise<SendOutcome> {
  const body = JSON.stringify({ type: message.type, timestamp: message.timestamp.toISOString(), data: message.data });
  const signature = new Webhook(secret).sign(message.id, message.timestamp, body);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      target,
      {
        method: 'POST',
        timeout: TIMEOUT_MS,
        ...(allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Flywheel-Webhooks/1',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
      },
      (res) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < EXCERPT_CHARS) excerpt += chunk;
        });
        res.on('end', () => {
          const statusCode = res.statusCode ?? 0;
          const ok = statusCode >= 200 && statusCode < 300;
          resolve({
            ok,
            statusCode,
            latencyMs: elapsed(),
            responseExcerpt: excerpt.slice(0, EXCERPT_CHARS) || null,
            error: ok ? null : `HTTP ${statusCode}`,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (error) => resolve({ ok: false, statusCode: null, latencyMs: elapsed(), responseExcerpt: null, error: error.message }));
    req.end(body);
  });
}
