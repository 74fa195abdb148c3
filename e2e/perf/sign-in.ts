import { signCustomerToken } from '@flywheel/api';
import { DEMO } from '@flywheel/db';
import { startBff } from './bff-process.ts';
import { clientAddress, closedLoop, fixedRate, median, percentile } from './load.ts';
import { verdict } from './verdict.ts';

/**
 * `pnpm --filter @flywheel/e2e bench:sign-in`: what 16 wrong-password console sign-ins in flight
 * at all times do to customers. Customers' `customer.me` arrives at a fixed rate, half of what the
 * BFF answers back to back (measured first), alone and under the attack, in alternating rounds
 * against the same BFF, and the median p99 under attack must stay within 2× the median idle p99. The attack is the worst case the limits
 * leave open: every attempt for a new address from a new client (as a botnet would send them,
 * the BFF trusting the loopback proxy's X-Forwarded-For), so neither the per-address lock nor the
 * per-client limit stops a single scrypt run. On DATABASE_URL, else a fresh embedded database.
 */
const ROUNDS = 7;
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 8_000);
const ATTACKERS = 16;
const CUSTOMERS = 4;
const BUDGET = 2;

const bff = await startBff({ TRUSTED_PROXIES: '127.0.0.1,::1' });
try {
  const token = await signCustomerToken(DEMO.secretKey, { sub: 'alice', ttlSeconds: 3600 });
  const customerHeaders = { 'x-flywheel-key': DEMO.publishableKey, authorization: `Bearer ${token}` };
  const me = () => fetch(`${bff.url}/trpc/customer.me`, { headers: customerHeaders });
  let attempt = 0;
  const wrongPassword = () => {
    const n = attempt++;
    return fetch(`${bff.url}/trpc/console.auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress(n) },
      body: JSON.stringify({ email: `guess-${n}@example.com`, password: 'not the password' }),
    });
  };
  // Warm-up (connections, JIT, the tenant cache), then the capacity: customers arrive at half of it.
  await closedLoop(CUSTOMERS, 1_000, me);
  const capacity = (await closedLoop(CUSTOMERS, 3_000, me)).length / 3;
  const rate = Math.max(1, Math.round(capacity / 2));
  console.log(`customer.me back to back: ${capacity.toFixed(0)} requests/s; measured at ${rate} requests/s`);

  const idle: number[] = [];
  const attacked: number[] = [];
  let refused = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const quiet = await fixedRate(rate, ROUND_MS, me);
    idle.push(
      percentile(
        quiet.map((s) => s.ms),
        99,
      ),
    );
    const [loud, attacks] = await Promise.all([fixedRate(rate, ROUND_MS, me), closedLoop(ATTACKERS, ROUND_MS, wrongPassword)]);
    attacked.push(
      percentile(
        loud.map((s) => s.ms),
        99,
      ),
    );
    refused += attacks.filter((s) => s.status !== 401).length;
    console.log(`round ${round + 1}: ${attacks.length} sign-in attempts, ${quiet.length + loud.length} customer reads`);
    if ([...quiet, ...loud].some((s) => s.status !== 200)) throw new Error('customer.me failed during the benchmark');
  }
  const ratio = median(attacked) / median(idle);
  console.log(`customer.me p99 idle, per round:         ${idle.map((ms) => ms.toFixed(1)).join(', ')} ms`);
  console.log(`customer.me p99 under attack, per round: ${attacked.map((ms) => ms.toFixed(1)).join(', ')} ms`);
  console.log(`sign-in attempts that were not a plain 401 (locks, limits): ${refused}`);
  console.log(
    `median p99 under ${ATTACKERS} parallel wrong-password sign-ins: ${median(attacked).toFixed(1)} ms vs ${median(idle).toFixed(1)} ms idle = ${ratio.toFixed(2)}× (budget ≤ ${BUDGET}×)${bff.pinned ? '' : ' [server not pinned to its own core]'}`,
  );
  verdict(`customer.me p99 under ${ATTACKERS} wrong-password sign-ins vs idle`, `${ratio.toFixed(2)}×`, `≤ ${BUDGET}×`, ratio <= BUDGET);
} finally {
  await bff.stop();
}
