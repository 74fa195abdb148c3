import { parseArgs } from 'node:util';
import { createTenant } from '@flywheel/api';
import { createTenantInput } from '@flywheel/contracts/tenant';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const tenantHelp = `flywheel tenant create --name <name> --origin <url> [--origin <url> …]

  Creates a tenant and prints its publishable key (pk_…, public) and secret key (sk_…, for the
  tenant's server only). The secret key is shown this once.`;

export async function tenantCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new UsageError(`tenant: unknown subcommand "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, origin: { type: 'string', multiple: true, default: [] } },
    strict: true,
  });
  if (!values.name) throw new UsageError('--name: required');
  // Checked before opening the database: a typo is answered at once, not after PGlite starts.
  const parsed = createTenantInput.safeParse({ name: values.name, allowedOrigins: values.origin });
  if (!parsed.success) {
    const field = (path: PropertyKey[]) => (path[0] === 'allowedOrigins' ? '--origin' : `--${String(path[0])}`);
    throw new UsageError(parsed.error.issues.map((i) => `${field(i.path)}: ${i.message}`).join('\n'));
  }
  const { database, secretsKey } = await openDatabase(env);
  try {
    const tenant = await createTenant(database.db, secretsKey, parsed.data);
    return [
      `Created tenant "${values.name}"`,
      `  publishable key  ${tenant.publishableKey}`,
      `  secret key       ${tenant.secretKey}   (shown once: store it on your server now)`,
    ].join('\n');
  } finally {
    await database.close();
  }
}
