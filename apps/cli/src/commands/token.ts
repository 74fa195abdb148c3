import { parseArgs } from 'node:util';
import { MAX_TOKEN_LIFETIME_SECONDS, signCustomerToken } from '@flywheel/api';
import { DEMO } from '@flywheel/db';
import { UsageError } from '../usage-error.ts';

export const tokenHelp = `flywheel token --customer <id> [--tenant pk_…] [--secret sk_…] [--ttl 1h] [--name <n>] [--email <e>]

  Signs a customer token (HS256 JWT) the way a tenant's server does, for development and the demo
  host. The demo tenant (${DEMO.publishableKey}, the default) signs with its demo secret; any other
  tenant needs --secret, or FLYWHEEL_SECRET_KEY, since Flywheel never shows a secret key twice.
  --ttl accepts seconds or 30s, 15m, 1h, 24h (at most 24h).`;

/** `90`, `90s`, `15m`, `1h` → seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smh]?)$/.exec(value.trim());
  if (!match) throw new UsageError(`--ttl: "${value}" is not a duration like 3600, 15m or 1h`);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600 }[match[2] as '' | 's' | 'm' | 'h'];
  if (seconds < 1 || seconds > MAX_TOKEN_LIFETIME_SECONDS) throw new UsageError('--ttl: must be between 1s and 24h');
  return seconds;
}

export async function tokenCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: {
      customer: { type: 'string' },
      tenant: { type: 'string', default: DEMO.publishableKey },
      secret: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      name: { type: 'string' },
      email: { type: 'string' },
    },
    strict: true,
  });
  if (!values.customer) throw new UsageError('--customer: required (the id your product uses for the customer)');
  const secret = values.secret ?? env.FLYWHEEL_SECRET_KEY ?? (values.tenant === DEMO.publishableKey ? DEMO.secretKey : undefined);
  if (!secret) throw new UsageError(`--secret: required for ${values.tenant} (its secret key, shown once by "tenant create")`);
  return signCustomerToken(secret, { sub: values.customer, name: values.name, email: values.email, ttlSeconds: parseTtl(values.ttl) });
}
