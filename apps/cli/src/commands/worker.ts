import { parseArgs } from 'node:util';
import { createDomainPlatform, createFlagsRuntime, mailOptionsFromEnv, Worker } from '@flywheel/api';
import { loadDefinitions } from '@flywheel/flags';
import { openDatabase } from '../database.ts';

export const workerHelp = `flywheel worker [--once]

  Runs the reactions to events and the scheduled jobs, and nothing else: run several beside BFF
  replicas started with RUN_WORKER=0, to scale background work apart from requests. Stops on
  SIGINT or SIGTERM once the work in hand is done. --once runs what is due now, then exits.`;

export async function workerCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const { values } = parseArgs({ args: argv, options: { once: { type: 'boolean', default: false } }, strict: true });
  const { database, secretsKey } = await openDatabase(env);
  // Jobs evaluate experiments too (a plan's template at sign-up); a long-running worker follows
  // console changes to the payload, a --once run reads it as it is.
  const flags = createFlagsRuntime(database.db, loadDefinitions(env.EXPERIMENTS_DIR || undefined));
  const stopFlags = values.once ? async () => {} : await flags.store.listen(database);
  const worker = new Worker({
    db: database.db,
    platform: createDomainPlatform({
      webhooks: { secretsKey, allowPrivateNetworks: env.NODE_ENV !== 'production' },
      flags,
      mail: mailOptionsFromEnv(env),
    }),
    listen: database.listen,
    onError: (error, what) => console.error(`${what} failed: ${(error as Error).message}`),
  });
  try {
    if (values.once) return `Handled ${await worker.drain()} deliveries and jobs (${database.driver}).`;
    await worker.start();
    console.log(`Worker ${worker.id} running (${database.driver}); Ctrl-C to stop.`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.stop();
    return 'Worker stopped.';
  } finally {
    await stopFlags();
    await database.close();
  }
}
