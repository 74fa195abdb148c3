import { DEVELOPMENT_SECRETS_KEY, defaultDataDir, parseSecretsKey, type SecretsKey } from '@flywheel/db';
import { z } from 'zod';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    DATA_DIR: z.string().min(1).default(defaultDataDir),
    TENANT_SECRETS_KEY: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.TENANT_SECRETS_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['TENANT_SECRETS_KEY'],
        message: 'is required in production (32 bytes: `openssl rand -hex 32`)',
      });
    }
    if (env.NODE_ENV === 'production' && env.TENANT_SECRETS_KEY === DEVELOPMENT_SECRETS_KEY) {
      ctx.addIssue({ code: 'custom', path: ['TENANT_SECRETS_KEY'], message: 'must not be the development key in production' });
    }
    if (env.TENANT_SECRETS_KEY) {
      try {
        parseSecretsKey(env.TENANT_SECRETS_KEY);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['TENANT_SECRETS_KEY'], message: (error as Error).message });
      }
    }
  });

export type Config = {
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secretsKey: SecretsKey;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
};

/** Thrown with one line per bad variable, e.g. `PORT: Invalid input: expected number`. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once, at start. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    secretsKey: parseSecretsKey(e.TENANT_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY),
    logLevel: e.LOG_LEVEL,
  };
}
