import { randomUUID } from 'node:crypto';
import { signCustomerToken } from '@flywheel/api';
import { DEMO } from '@flywheel/db';
import { startBff } from './bff-process.ts';
import { clientAddress, fixedRate, percentile, type Sample } from './load.ts';
import { verdict } from './verdict.ts';

/**
 * `DATABASE_URL=postgres://… pnpm --filter @flywheel/e2e bench:mixed-load`: the BFF on Postgres
 * under a fixed rate of mixed traffic for 10 minutes (BENCH_MINUTES): customers' widget reads,
 * their events, the features endpoint and console reads, from many clients (X-Forwarded-For from
 * the trusted loopback proxy). Passes when nothing answered 5xx or failed to connect; prints each
 * kind's p50 and p99. Loopback only, and bounded: the rate is fixed, whatever the answers.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL: set it to a Postgres database (this benchmark is about the production database).');
  process.exit(2);
}
const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const PER_SECOND = Number(process.env.BENCH_RATE ?? 40);
const CUSTOMERS = 200;

const bff = await startBff({ DATABASE_URL: databaseUrl, TRUSTED_PROXIES: '127.0.0.1,::1' });
try {
  const tokens = await Promise.all(
    Array.from({ length: CUSTOMERS }, (_, i) => signCustomerToken(DEMO.secretKey, { sub: `load-${i}`, ttlSeconds: 86_400 })),
  );
  const signIn = await fetch(`${bff.url}/trpc/console.auth.signIn`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'viewer@flywheel.test', password: DEMO.consolePassword }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!signIn.ok || !cookie) throw new Error(`console sign-in failed: ${signIn.status}`);

  const customer = (i: number) => ({
    'x-flywheel-key': DEMO.publishableKey,
    authorization: `Bearer ${tokens[i % CUSTOMERS]}`,
    'x-forwarded-for': clientAddress(i % CUSTOMERS),
  });
  // The traffic mix, in tenths: what a tenant's pages and its marketers send.
  const kinds: { name: string; weight: number; request: (i: number) => Promise<Response> }[] = [
    { name: 'customer.me', weight: 2, request: (i) => fetch(`${bff.url}/trpc/customer.me`, { headers: customer(i) }) },
    { name: 'referral.summary', weight: 2, request: (i) => fetch(`${bff.url}/trpc/referral.summary`, { headers: customer(i) }) },
    {
      name: 'POST /api/events',
      weight: 2,
      request: (i) =>
        fetch(`${bff.url}/api/events`, {
          method: 'POST',
          headers: { ...customer(i), 'content-type': 'application/json' },
          body: JSON.stringify({
            batch: Array.from({ length: 5 }, () => ({
              type: 'track',
              event: 'widget_clicked',
              messageId: randomUUID(),
              userId: `load-${i % CUSTOMERS}`,
              properties: { widget: 'referral-center' },
            })),
          }),
        }),
    },
    {
      name: 'GET /api/features',
      weight: 3,
      request: (i) => fetch(`${bff.url}/api/features/${DEMO.publishableKey}`, { headers: { 'x-forwarded-for': clientAddress(i) } }),
    },
    {
      name: 'console reads',
      weight: 1,
      request: (i) =>
        fetch(
          `${bff.url}/trpc/${i % 2 ? 'console.experiments.list' : 'console.overview.growth'}${i % 2 ? '' : `?input=${encodeURIComponent('{"weeks":12}')}`}`,
          {
            headers: { cookie },
          },
        ),
    },
  ];
  const schedule = kinds.flatMap((kind) => Array.from({ length: kind.weight }, () => kind));
  const kindOf = (i: number) => schedule[i % schedule.length] as (typeof kinds)[number];
  console.log(`${MINUTES} min at ${PER_SECOND} requests/s on Postgres…`);
  // In request order, so the i-th sample is the i-th request's.
  const samples = await fixedRate(PER_SECOND, MINUTES * 60_000, (i) => kindOf(i).request(i));
  const byKind = new Map<string, Sample[]>(kinds.map((k) => [k.name, []]));
  for (const [i, sample] of samples.entries()) byKind.get(kindOf(i).name)?.push(sample);

  let failures = 0;
  // A refusal here is the benchmark's mistake, not load: say which, once.
  const refusal = samples.findIndex((s) => s.status >= 400 && s.status < 500);
  if (refusal >= 0) console.log(`first 4xx: ${kindOf(refusal).name} answered ${samples[refusal]?.status}`);
  console.log('kind                 requests  p50 ms  p99 ms  5xx/failed  other 4xx');
  for (const [name, ofKind] of byKind) {
    const failed = ofKind.filter((s) => s.status === 0 || s.status >= 500).length;
    const refused = ofKind.filter((s) => s.status >= 400 && s.status < 500).length;
    failures += failed;
    const ms = ofKind.map((s) => s.ms);
    console.log(
      `${name.padEnd(20)} ${String(ofKind.length).padStart(8)} ${percentile(ms, 50).toFixed(1).padStart(7)} ${percentile(ms, 99).toFixed(1).padStart(7)} ${String(failed).padStart(11)} ${String(refused).padStart(10)}`,
    );
  }
  console.log(failures === 0 ? 'no 5xx and no failed connections' : `${failures} requests answered 5xx or failed`);
  verdict(`${MINUTES} min mixed load at ${PER_SECOND} requests/s on Postgres: 5xx or failed`, String(failures), '0', failures === 0);
} finally {
  await bff.stop();
}
