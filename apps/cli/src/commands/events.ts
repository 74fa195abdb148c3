import { parseArgs } from 'node:util';
import { listDeadLetters, replayDeadLetters, TenantDirectory } from '@flywheel/api';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const eventsHelp = `flywheel events dead-letters [--tenant <pk_…>] [--name <reaction or job>]
flywheel events replay [--tenant <pk_…>] [--name <reaction or job>] [--id reaction:<id> | job:<id> …]

  Lists the reactions and jobs that ran out of attempts with their last error, or puts them back
  in line (all, one tenant's, one reaction's or job's, or the given ones); a running worker
  handles each once.`;

export async function eventsCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, ...rest] = argv;
  if (sub !== 'dead-letters' && sub !== 'replay') throw new UsageError(`events: unknown subcommand "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    options: { tenant: { type: 'string' }, name: { type: 'string' }, id: { type: 'string', multiple: true, default: [] } },
    strict: true,
  });
  const only = values.id.map((id) => {
    const match = /^(reaction|job):(\d+)$/.exec(id);
    if (!match) throw new UsageError(`--id: "${id}" is not reaction:<id> or job:<id>, as dead-letters lists them`);
    return { kind: match[1] as 'reaction' | 'job', id: Number(match[2]) };
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
    const filter = { tenantId, name: values.name, only: only.length > 0 ? only : undefined };
    if (sub === 'replay') return `Requeued ${await replayDeadLetters(database.db, filter)} dead letters.`;
    const dead = await listDeadLetters(database.db, filter);
    if (dead.length === 0) return 'No dead letters.';
    return dead.map((d) => `${d.kind}:${d.id}  ${d.name}  ${d.event ?? ''}  after ${d.attempts} attempts: ${d.lastError}`).join('\n');
  } finally {
    await database.close();
  }
}
