import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLog } from './request-log.ts';

function loggedApp(level: 'info' | 'debug') {
  const lines: { level: number; msg: string; path: string; status: number }[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const app = new Hono()
    .use(requestId())
    .use(requestLog(logger))
    .get('/ok', (c) => c.text('ok'))
    .get('/missing', (c) => c.text('no', 404))
    .get('/broken', (c) => c.text('oops', 500));
  return { app, lines };
}

describe('request log', () => {
  it('at info, logs refusals and failures with their status and path, and no line for a quick success', async () => {
    const { app, lines } = loggedApp('info');
    for (const path of ['/ok', '/missing', '/broken']) await app.request(path);
    expect(lines.map(({ level, msg, path, status }) => ({ level, msg, path, status }))).toEqual([
      { level: 30, msg: 'request', path: '/missing', status: 404 },
      { level: 50, msg: 'request failed', path: '/broken', status: 500 },
    ]);
  });

  it('at debug, logs every request', async () => {
    const { app, lines } = loggedApp('debug');
    await app.request('/ok?key=secret');
    expect(lines).toEqual([expect.objectContaining({ level: 20, path: '/ok', status: 200, requestId: expect.any(String) })]);
    expect(JSON.stringify(lines)).not.toContain('secret');
  });
});
