import { type ChildProcess, spawn } from 'node:child_process';
import { signCustomerToken } from '@flywheel/api';
import { DEMO } from '@flywheel/db';
import autocannon from 'autocannon';
import { startBff } from './bff-process.ts';
import { median } from './load.ts';
import { verdict } from './verdict.ts';

/**
 * `pnpm bench:http`: the BFF's two hottest paths at 64 connections against a bare `node:http`
 * server measured in the same run, on the same core (the load generator, autocannon, on the
 * other), in alternating pairs so a noisy moment hits both:
 *
 * - `GET /api/features/:key` against a bare server sending the very bytes and headers the BFF
 *   sent for it: what the framework, middleware and logging cost. Budget ≥ 0.8×.
 * - `referral.summary`, authenticated, flag-evaluated and read from the database, against hello
 *   world: what a widget read costs end to end. Budget ≥ 0.3× with p99 < 25 ms; the budget is
 *   Postgres's (DATABASE_URL), and without it the embedded database is measured and named.
 */
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = 3;
const CUSTOMERS = 64;
const database = process.env.DATABASE_URL ? 'Postgres' : 'PGlite';

type Answer = { status: number; headers: Record<string, string>; body: string };

/** A bare node:http server answering every request with `answer`, pinned to the BFF's core. */
async function startBare(answer: Answer): Promise<{ url: string; stop(): void }> {
  const program = `
    const { createServer } = require('node:http');
    const answer = JSON.parse(process.env.ANSWER);
    const body = Buffer.from(answer.body, 'base64');
    const server = createServer((req, res) => { req.resume(); res.writeHead(answer.status, answer.headers).end(body); });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child: ChildProcess = spawn('taskset', ['-c', '0', process.execPath, '-e', program], {
    env: { ...process.env, ANSWER: JSON.stringify(answer) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

type Round = { perSecond: number; p99: number; failed: number };

async function load(url: string, requests: { headers: Record<string, string> }[]): Promise<Round> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests });
  return { perSecond: result.requests.average, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts };
}

/** Alternating pairs, baseline first: each pair's ratio, then the median pair. */
async function compare(name: string, subject: () => Promise<Round>, baseline: () => Promise<Round>) {
  const pairs: { subject: Round; baseline: Round }[] = [];
  for (let round = 0; round < ROUNDS; round++) pairs.push({ baseline: await baseline(), subject: await subject() });
  const ratios = pairs.map((p) => p.subject.perSecond / p.baseline.perSecond);
  const ratio = median(ratios);
  const p99 = median(pairs.map((p) => p.subject.p99));
  const failed = pairs.reduce((sum, p) => sum + p.subject.failed + p.baseline.failed, 0);
  for (const [i, p] of pairs.entries()) {
    console.log(
      `${name} round ${i + 1}: ${p.subject.perSecond.toFixed(0)} req/s (p99 ${p.subject.p99} ms) vs baseline ${p.baseline.perSecond.toFixed(0)} req/s: ${ratios[i]?.toFixed(3)}×`,
    );
  }
  return { ratio, p99, failed, perSecond: median(pairs.map((p) => p.subject.perSecond)) };
}

// At the default log level, so what production logs per request is part of the figure.
const bff = await startBff({ LOG_LEVEL: 'info' });
const stops: (() => void)[] = [];
try {
  // The features endpoint as a page asks for it; its answer, byte for byte, is the baseline's.
  const featuresUrl = `${bff.url}/api/features/${DEMO.publishableKey}`;
  const sample = await fetch(featuresUrl, { headers: { 'accept-encoding': 'identity' } });
  const headers: Record<string, string> = {};
  for (const [name, value] of sample.headers)
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
  const copy = await startBare({ status: sample.status, headers, body: Buffer.from(await sample.arrayBuffer()).toString('base64') });
  const hello = await startBare({
    status: 200,
    headers: { 'content-type': 'text/plain' },
    body: Buffer.from('hello world').toString('base64'),
  });
  stops.push(copy.stop, hello.stop);

  const features = await compare(
    'features',
    () => load(featuresUrl, [{ headers: {} }]),
    () => load(copy.url, [{ headers: {} }]),
  );

  const tokens = await Promise.all(
    Array.from({ length: CUSTOMERS }, (_, i) => signCustomerToken(DEMO.secretKey, { sub: `bench-${i}`, ttlSeconds: 3600 })),
  );
  const customers = tokens.map((token) => ({ headers: { 'x-flywheel-key': DEMO.publishableKey, authorization: `Bearer ${token}` } }));
  // Each customer's first read records them; the measured reads are every later one.
  for (const customer of customers) await fetch(`${bff.url}/trpc/referral.summary`, customer);
  const read = await compare(
    `referral.summary (${database})`,
    () => load(`${bff.url}/trpc/referral.summary`, customers),
    () => load(hello.url, [{ headers: {} }]),
  );

  if (features.failed + read.failed > 0) throw new Error(`${features.failed + read.failed} requests failed or answered non-2xx`);
  verdict(
    'GET /api/features vs bare node:http, same bytes, 64 connections',
    `${features.ratio.toFixed(2)}× (${features.perSecond.toFixed(0)} req/s)`,
    '≥ 0.8×',
    features.ratio >= 0.8,
  );
  verdict(
    `referral.summary vs hello world, 64 connections (${database})`,
    `${read.ratio.toFixed(3)}× (${read.perSecond.toFixed(0)} req/s), p99 ${read.p99} ms`,
    '≥ 0.3×, p99 < 25 ms',
    read.ratio >= 0.3 && read.p99 < 25,
  );
} finally {
  for (const stop of stops) stop();
  await bff.stop();
}
