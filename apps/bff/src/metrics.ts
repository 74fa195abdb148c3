import type { Backlog, WorkRun } from '@flywheel/api';
import type { MiddlewareHandler } from 'hono';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The BFF's Prometheus metrics: requests by route, events ingested, and background work (runs,
 * lag of the oldest due delivery or job, dead letters), the last read from the database on scrape.
 */
export function createMetrics(readBacklog: () => Promise<Backlog>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: 'flywheel_http_request_duration_seconds',
    help: 'HTTP requests by method, matched route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const ingested = new Counter({
    name: 'flywheel_events_ingested_total',
    help: 'Events stored by POST /api/events.',
    registers: [registry],
  });
  const runs = new Histogram({
    name: 'flywheel_work_run_duration_seconds',
    help: 'Reactions and jobs run by this process, by outcome (done, retry, dead).',
    labelNames: ['kind', 'name', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
    registers: [registry],
  });
  const labels = ['kind', 'name'] as const;
  const lag = new Gauge({
    name: 'flywheel_work_lag_seconds',
    help: 'Age of the oldest due, unhandled delivery or job.',
    labelNames: labels,
    registers: [registry],
  });
  const pending = new Gauge({
    name: 'flywheel_work_pending',
    help: 'Deliveries or jobs waiting, including retries.',
    labelNames: labels,
    registers: [registry],
  });
  const dead = new Gauge({
    name: 'flywheel_work_dead_letters',
    help: 'Deliveries or jobs that ran out of attempts.',
    labelNames: labels,
    registers: [registry],
  });

  return {
    contentType: registry.contentType,
    /** Times every request; the route is Hono's matched pattern, so labels stay few. */
    middleware: (): MiddlewareHandler =>
      async function measureRequests(c, next) {
        const end = requests.startTimer({ method: c.req.method });
        await next();
        end({ route: c.req.routePath, status: String(c.res.status) });
      },
    countIngested: (accepted: number) => ingested.inc(accepted),
    recordRun: (run: WorkRun) => runs.observe({ kind: run.kind, name: run.name, outcome: run.outcome }, run.seconds),
    async render(): Promise<string> {
      lag.reset();
      pending.reset();
      dead.reset();
      for (const row of await readBacklog()) {
        const key = { kind: row.kind, name: row.name };
        lag.set(key, row.lagSeconds);
        pending.set(key, row.pending);
        dead.set(key, row.dead);
      }
      return registry.metrics();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
