import { parseArgs } from 'node:util';
import { listDeadLetters, replayDeadLetters, TenantDirectory } from '@flywheel/api';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const eventsHelp = `flywheel events dead-letters [--tenant <pk_…>] [--reaction <name>]
flywheel events replay [--tenant <pk_…>] [--reaction <name>] [--id <delivery id> …]

  Lists the reactions that ran out of attempts with their last error, or puts them back in line
  (all, one tenant's, one reaction's, or the given ids); a running worker handles each once.`;

export async function eventsCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, ...rest] = argv;
  if (sub !== 'dead-letters' && sub !== 'replay') throw new UsageError(`events: unknown subcommand "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    options: { tenant: { type: 'string' }, reaction: { type: 'string' }, id: { type: 'string', multiple: true, default: [] } },
    strict: true,
  });
  const ids = values.id.map((id) => {
    if (!/^\d+$/.test(id)) throw new UsageError(`--id: "${id}" is not a delivery id (a positive whole number)`);
    return Number(id);
  });
  if (values.tenant !== undefined && !/^pk_[A-Za-z0-9_]+$/.test(values.tenant)) throw new UsageError('--tenant: a publishable key (pk_…)');
  const { database, secretsKey } = await openDatabase(env);
  try {
    let tenantId: string | undefined;
    if (values.tenant) {
      const tenant = await new TenantDirectory(database.db, secretsKey).byPublishableKey(values.tenant);
      if (!tenant) throw new UsageError(`--tenant: no tenant has the key ${values.tenant}`);
      tenantId = tenant.id;
    }
    const filter = { tenantId, reaction: values.reaction, ids: ids.length > 0 ? ids : undefined };
    if (sub === 'replay') return `Requeued ${await replayDeadLetters(database.db, filter)} dead letters.`;
    const dead = await listDeadLetters(database.db, filter);
    if (dead.length === 0) return 'No dead letters.';
    return dead
      .map((d) => `#${d.id}  ${d.reaction}  ${d.event ?? '(identify)'} ${d.messageId}  after ${d.attempts} attempts: ${d.lastError}`)
      .join('\n');
  } finally {
    await database.close();
  }
}
