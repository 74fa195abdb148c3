import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to port 3000 and embedded PGlite', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, isProduction: false, trustedProxies: [] });
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.10' }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.10']);
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ TENANT_SECRETS_KEY: 'short' }, 'TENANT_SECRETS_KEY'],
    [{ NODE_ENV: 'production' }, 'TENANT_SECRETS_KEY: is required in production'],
    [
      { NODE_ENV: 'production', TENANT_SECRETS_KEY: 'flywheel-development-only-key-never-use-in-production' },
      'TENANT_SECRETS_KEY: must not be',
    ],
    [{ SMTP_URL: 'smtp://mail.example:587' }, 'MAIL_FROM: is required when SMTP_URL is set'],
    [{ SMTP_URL: 'mail.example', MAIL_FROM: 'a@b.c' }, 'SMTP_URL: must be'],
    [{ TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' }, 'TRUSTED_PROXIES: lists something that is not an IP address'],
  ])('refuses %j, naming %s', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('accepts a production configuration with a real key', () => {
    const config = loadConfig({ NODE_ENV: 'production', TENANT_SECRETS_KEY: 'ab'.repeat(32), DATABASE_URL: 'postgres://db/flywheel' });
    expect(config).toMatchObject({ isProduction: true, databaseUrl: 'postgres://db/flywheel', mail: undefined });
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465', MAIL_FROM: 'Acme <invites@acme.example>' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example:465',
      from: 'Acme <invites@acme.example>',
    });
  });
});
