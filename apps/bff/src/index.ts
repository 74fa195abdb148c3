import { join } from 'node:path';
import { AnonymousIds, backlogOf, createDomainPlatform, createFlagsRuntime, LiveHub, TenantDirectory, ugc, Worker } from '@flywheel/api';
import { discoverWidgets } from '@flywheel/config/widgets';
import { createDatabase, type Database } from '@flywheel/db';
import { loadDefinitions } from '@flywheel/flags';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { GrowthBookUpstream } from './growthbook-upstream.ts';
import { createMetrics } from './metrics.ts';
import { prepareData } from './startup.ts';
import type { RegistrySource } from './web/widgets.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = pino({ level: config.logLevel });
const definitions = loadDefinitions(config.experimentsDir);
if (definitions.problems.length > 0) {
  console.error(
    ['Invalid experiments/ definitions:', ...definitions.problems.map((p) => `  ${p.file}: ${p.path}: ${p.message}`)].join('\n'),
  );
  process.exit(1);
}
let database: Database;
try {
  database = await createDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
} catch (error) {
  // Name the setting to fix, not a stack: the URL (without its password) or the data folder.
  const where = config.databaseUrl
    ? `DATABASE_URL: cannot connect to ${redactedUrl(config.databaseUrl)}`
    : `DATA_DIR: cannot open ${config.dataDir}`;
  console.error(`${where}: ${(error as Error).message}`);
  process.exit(1);
}
try {
  await prepareData(database.db, config.secretsKey, config.isProduction);
} catch (error) {
  logger.fatal((error as Error).message);
  await database.close();
  process.exit(1);
}

const widgets = discoverWidgets(join(config.repoRoot, 'apps'));
const registry: RegistrySource = config.remoteRegistry
  ? { kind: 'configured', entries: config.remoteRegistry }
  : { kind: config.devRemotes ? 'dev' : 'built', widgets };

const growthbook = config.growthbook;
const flags = createFlagsRuntime(
  database.db,
  definitions,
  growthbook && ((store) => new GrowthBookUpstream({ ...growthbook, logger, fallback: store })),
);
const upstream = flags.source instanceof GrowthBookUpstream ? flags.source : undefined;
upstream?.start();
const stopListening = await flags.store.listen(database);
const live = new LiveHub();
const stopLive = await live.listen(database);

// Webhook endpoints on private networks (a local receiver) are for development only.
const webhooks = { secretsKey: config.secretsKey, allowPrivateNetworks: !config.isProduction };
const platform = createDomainPlatform({ webhooks, flags, mail: config.mail });
const metrics = createMetrics(() => backlogOf(database.db));
// Reactions and jobs run here unless separate `pnpm flywheel worker` processes run them.
const worker = config.runWorker
  ? new Worker({
      db: database.db,
      platform,
      listen: database.listen,
      onError: (error, what) => logger.warn({ err: error }, `${what} failed`),
      onRun: metrics.recordRun,
    })
  : undefined;
await worker?.start();

const app = createApp({
  database,
  logger,
  metrics,
  live,
  metricsToken: config.metricsToken,
  maxLagSeconds: config.readyMaxLagSeconds,
  trustedProxies: config.trustedProxies,
  api: {
    db: database.db,
    tenants: new TenantDirectory(database.db, config.secretsKey),
    anonymousIds: new AnonymousIds(config.secretsKey),
    isProduction: config.isProduction,
    flags,
    platform,
    webhooks,
    media: config.media.kind === 's3' ? ugc.s3MediaStore(config.media) : ugc.diskMediaStore(config.media.dir),
    publicUrl: config.publicUrl,
  },
  web: {
    registry,
    publicUrl: config.publicUrl,
    static: config.devRemotes
      ? undefined
      : {
          widgets,
          shellDir: join(config.repoRoot, 'apps/shell/dist'),
          consoleDir: join(config.repoRoot, 'apps/console/dist'),
          embedDir: join(config.repoRoot, 'packages/embed/dist'),
        },
  },
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, ({ port }) => {
  const base = `http://localhost:${port}`;
  logger.info({ port, database: database.driver, worker: Boolean(worker) }, 'listening');
  console.log(
    [
      '',
      `  Flywheel is running (${database.driver === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'Postgres'})`,
      `  Shell      ${base}/            (the demo customer portal)`,
      `  Console    ${base}/console/    (the marketer console)`,
      `  embed.js   ${base}/embed.js`,
      `  Registry   ${base}/api/remotes`,
      `  BFF        ${base}`,
      `  Health     ${base}/healthz  ${base}/readyz  ${base}/metrics`,
      `  tRPC       ${base}/trpc`,
      `  Events     ${base}/api/events`,
      '',
    ].join('\n'),
  );
});

// Stop accepting, let in-flight requests finish, then close the database. A second signal,
// or ten seconds, forces the exit.
let stopping = false;
function shutdown(signal: string) {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info({ signal }, 'shutting down');
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close(async () => {
    upstream?.stop();
    await worker?.stop();
    await stopListening();
    await stopLive();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  });
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}
