import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MailOptions, mailOptionsFromEnv, type ugc } from '@flywheel/api';
import { remoteRegistry } from '@flywheel/contracts/remotes';
import { DEVELOPMENT_SECRETS_KEY, defaultDataDir, parseSecretsKey, type SecretsKey } from '@flywheel/db';
import { z } from 'zod';
import { isAddressOrRange } from './remote-address.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

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
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** JSON list of `{ name, manifestUrl, version }`: remotes hosted elsewhere (a CDN). */
    REMOTE_REGISTRY: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
          return z.NEVER;
        }
      })
      .pipe(remoteRegistry)
      .optional(),
    /** A real GrowthBook to read payloads through (both or neither). */
    GROWTHBOOK_API_HOST: z.url({ protocol: /^https?$/ }).optional(),
    GROWTHBOOK_CLIENT_KEY: z.string().min(1).optional(),
    /** Where the feature definitions live; defaults to experiments/ at the repository root. */
    EXPERIMENTS_DIR: z.string().min(1).optional(),
    /** `1` in `pnpm dev`: register the widgets' dev servers instead of their builds. */
    FLYWHEEL_DEV_REMOTES: z.enum(['0', '1']).default('0'),
    /** `0` on BFF replicas when `pnpm flywheel worker` processes run the reactions and jobs apart. */
    RUN_WORKER: z.enum(['0', '1']).default('1'),
    /** An S3-compatible bucket for customers' uploaded images; without it they are kept under DATA_DIR/media. */
    S3_BUCKET: z.string().min(3).max(63).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** For S3-compatible services (MinIO, R2, …); AWS needs none. */
    S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_FORCE_PATH_STYLE: z.enum(['0', '1']).default('0'),
    /** Bearer token for /metrics; without it production does not serve /metrics. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** The SMTP server that sends customers' email invites (with MAIL_FROM); without it the tenant sends them from its webhook. */
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().optional(),
    /**
     * Comma-separated addresses or CIDR ranges of the reverse proxies in front of the BFF: only
     * their X-Forwarded-For is believed (e.g. `10.0.0.0/8,192.0.2.10`). Empty: the socket's peer.
     */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((text) =>
        text
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .refine((entries) => entries.every(isAddressOrRange), {
        message: 'lists something that is not an IP address or a CIDR range (e.g. 10.0.0.0/8,192.0.2.10)',
      }),
    /** /readyz says `degraded` when background work is this many seconds behind. */
    READY_MAX_LAG_SECONDS: z.coerce.number().int().min(1).default(300),
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
    if (Boolean(env.GROWTHBOOK_API_HOST) !== Boolean(env.GROWTHBOOK_CLIENT_KEY)) {
      const missing = env.GROWTHBOOK_API_HOST ? 'GROWTHBOOK_CLIENT_KEY' : 'GROWTHBOOK_API_HOST';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other GROWTHBOOK_ variable is set' });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      const missing = env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'is required when the other S3 key variable is set' });
    }
    try {
      mailOptionsFromEnv(env);
    } catch (error) {
      const [variable = 'SMTP_URL', message = ''] = (error as Error).message.split(': ');
      ctx.addIssue({ code: 'custom', path: [variable], message });
    }
    if (env.TENANT_SECRETS_KEY) {
      try {
        parseSecretsKey(env.TENANT_SECRETS_KEY);
      } catch (error) {
        ctx.addIssue({ code: 'custom', path: ['TENANT_SECRETS_KEY'], message: (error as Error).message });
      }
    }
  });

type S3Options = ugc.S3Options;

export type Config = {
  isProduction: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secretsKey: SecretsKey;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  remoteRegistry: z.infer<typeof remoteRegistry> | undefined;
  devRemotes: boolean;
  growthbook: { apiHost: string; clientKey: string } | undefined;
  experimentsDir: string | undefined;
  /** Whether this process also runs reactions and jobs (the default: one process does everything). */
  runWorker: boolean;
  metricsToken: string | undefined;
  readyMaxLagSeconds: number;
  /** The reverse proxies whose X-Forwarded-For says who the client is. */
  trustedProxies: string[];
  mail: MailOptions | undefined;
  /** Where uploaded images go: a directory by default, a bucket when S3_BUCKET is set. */
  media: { kind: 'disk'; dir: string } | ({ kind: 's3' } & S3Options);
  /** The repository, whose built apps `pnpm start` serves. */
  repoRoot: string;
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
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    remoteRegistry: e.REMOTE_REGISTRY,
    devRemotes: e.FLYWHEEL_DEV_REMOTES === '1',
    growthbook:
      e.GROWTHBOOK_API_HOST && e.GROWTHBOOK_CLIENT_KEY ? { apiHost: e.GROWTHBOOK_API_HOST, clientKey: e.GROWTHBOOK_CLIENT_KEY } : undefined,
    experimentsDir: e.EXPERIMENTS_DIR,
    runWorker: e.RUN_WORKER === '1',
    metricsToken: e.METRICS_TOKEN,
    readyMaxLagSeconds: e.READY_MAX_LAG_SECONDS,
    trustedProxies: e.TRUSTED_PROXIES,
    mail: mailOptionsFromEnv(e),
    media: e.S3_BUCKET
      ? {
          kind: 's3',
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE === '1',
        }
      : { kind: 'disk', dir: join(e.DATA_DIR, 'media') },
    repoRoot,
  };
}
