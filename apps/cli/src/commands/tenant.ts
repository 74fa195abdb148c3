import { parseArgs } from 'node:util';
import { addOrigin, createTenant, removeOrigin, rotateSecret, tenantIdByKey, tenantSettings } from '@flywheel/api';
import { createTenantInput, isWildcardOrigin, originPattern } from '@flywheel/contracts/tenant';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const tenantHelp = `flywheel tenant create --name <name> --owner <email> [--owner-name <name>] [--mode test|live] --origin <url> [--origin <url> …]
flywheel tenant origins list|add|remove <publishable key> [<origin>]
flywheel tenant rotate-secret <publishable key> [--overlap-hours 24]

  create: makes a tenant with its first console owner and a program for every widget to start
  from (a referral program, a first badge, a 90-day plan), with test keys (pk_test_…, for
  development and staging) or live keys (the default), and prints its publishable key (pk_…,
  public), secret key (sk_…, for the tenant's server only) and the owner's one-time password. The secret key and the password are shown this once.
  origins: the pages allowed to embed the tenant's widgets, as Console → Settings manages them
  (https://app.example.com, or https://*.example.com for every subdomain).
  rotate-secret: prints a new secret key (shown once); the old one keeps verifying for
  --overlap-hours (default 24; 0 ends it at once, after a leak).`;

export async function tenantCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, ...rest] = argv;
  if (sub === 'origins') return originsCommand(rest, env);
  if (sub === 'rotate-secret') return rotateCommand(rest, env);
  if (sub !== 'create') throw new UsageError(`tenant: unknown subcommand "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      owner: { type: 'string' },
      'owner-name': { type: 'string' },
      mode: { type: 'string', default: 'live' },
      origin: { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  if (!values.name) throw new UsageError('--name: required');
  if (!values.owner || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.owner)) {
    throw new UsageError('--owner: required, the email of the first console owner (e.g. --owner cto@acme.com)');
  }
  // Checked before opening the database: a typo is answered at once, not after PGlite starts.
  const parsed = createTenantInput.safeParse({ name: values.name, allowedOrigins: values.origin, mode: values.mode });
  if (!parsed.success) {
    const field = (path: PropertyKey[]) => (path[0] === 'allowedOrigins' ? '--origin' : `--${String(path[0])}`);
    throw new UsageError(parsed.error.issues.map((i) => `${field(i.path)}: ${i.message}`).join('\n'));
  }
  const { database, secretsKey } = await openDatabase(env);
  try {
    const owner = { email: values.owner, name: values['owner-name'] ?? values.owner.split('@')[0] ?? values.owner };
    const tenant = await createTenant(database.db, secretsKey, { ...parsed.data, owner }).catch((error: unknown) => {
      if (error instanceof Error && error.message.startsWith('owner:')) throw new UsageError(`--${error.message}`);
      throw error;
    });
    return [
      `Created tenant "${values.name}"`,
      `  publishable key  ${tenant.publishableKey}`,
      `  secret key       ${tenant.secretKey}   (shown once: store it on your server now)`,
      `  console owner    ${tenant.owner?.email} with the one-time password ${tenant.owner?.temporaryPassword}`,
      '  (sign in at /console/ with it)',
    ].join('\n');
  } finally {
    await database.close();
  }
}

async function originsCommand([action, publishableKey, raw]: string[], env: Record<string, string | undefined>): Promise<string> {
  if (action !== 'list' && action !== 'add' && action !== 'remove') {
    throw new UsageError(`tenant origins: unknown action "${action ?? ''}" (list, add or remove)`);
  }
  if (!publishableKey?.startsWith('pk_')) throw new UsageError('<publishable key>: required, e.g. pk_test_demo');
  let origin = '';
  if (action !== 'list') {
    const parsed = originPattern.safeParse(raw ?? '');
    if (!parsed.success) throw new UsageError(`<origin>: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    origin = parsed.data;
  }
  const { database } = await openDatabase(env);
  try {
    const tenantId = await tenantIdByKey(database.db, publishableKey);
    if (!tenantId) throw new UsageError(`<publishable key>: no tenant has ${publishableKey}`);
    const settings =
      action === 'add'
        ? await addOrigin(database.db, tenantId, origin)
        : action === 'remove'
          ? await removeOrigin(database.db, tenantId, origin)
          : await tenantSettings(database.db, tenantId);
    const warning = isWildcardOrigin(origin)
      ? [`Warning: ${origin} lets every subdomain embed the widgets, including ones others may host.`]
      : [];
    return [...warning, `Allowed origins of ${publishableKey}:`, ...settings.allowedOrigins.map((o) => `  ${o}`)].join('\n');
  } finally {
    await database.close();
  }
}

async function rotateCommand(args: string[], env: Record<string, string | undefined>): Promise<string> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'overlap-hours': { type: 'string', default: '24' } },
    allowPositionals: true,
    strict: true,
  });
  const [publishableKey] = positionals;
  if (!publishableKey?.startsWith('pk_')) throw new UsageError('<publishable key>: required, e.g. pk_live_…');
  const overlapHours = Number(values['overlap-hours']);
  if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > 24 * 14) {
    throw new UsageError('--overlap-hours: a whole number of hours from 0 to 336');
  }
  const { database, secretsKey } = await openDatabase(env);
  try {
    const tenantId = await tenantIdByKey(database.db, publishableKey);
    if (!tenantId) throw new UsageError(`<publishable key>: no tenant has ${publishableKey}`);
    const rotated = await rotateSecret(database.db, secretsKey, tenantId, overlapHours);
    return [
      `New secret key for ${publishableKey}:`,
      `  ${rotated.secretKey}   (shown once: store it on your servers now)`,
      `The previous key keeps working until ${rotated.previousSecretValidUntil}.`,
    ].join('\n');
  } finally {
    await database.close();
  }
}
