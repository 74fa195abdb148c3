import { verifyCustomerToken } from '@flywheel/api';
import { DEMO } from '@flywheel/db';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

// memory:// keeps each command's PGlite in-process and throwaway.
const env = { DATA_DIR: 'memory://' };

describe('pnpm flywheel', () => {
  it('prints help listing every command', async () => {
    const { code, stdout } = await main(['--help'], env);
    expect(code).toBe(0);
    for (const command of ['flywheel token', 'flywheel tenant create', 'flywheel db migrate', 'flywheel db seed']) {
      expect(stdout).toContain(command);
    }
  });

  it('token signs a demo customer token the BFF accepts', async () => {
    const { code, stdout } = await main(['token', '--customer', 'alice', '--ttl', '15m'], env);
    expect(code).toBe(0);
    const claims = await verifyCustomerToken(stdout, DEMO.secretKey);
    expect(claims.sub).toBe('alice');
    expect(claims.exp - claims.iat).toBe(900);
  });

  it('token signs for another tenant only with its secret', async () => {
    const missing = await main(['token', '--customer', 'a', '--tenant', 'pk_live_x'], env);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('--secret: required for pk_live_x') });
    const ok = await main(['token', '--customer', 'a', '--tenant', 'pk_live_x', '--secret', 'sk_live_y'], env);
    expect(decodeJwt(ok.stdout).sub).toBe('a');
  });

  it.each([
    [['token'], '--customer: required'],
    [['token', '--customer', 'a', '--ttl', '25h'], '--ttl: must be between 1s and 24h'],
    [['token', '--customer', 'a', '--ttl', 'soon'], '--ttl: "soon" is not a duration'],
    [['token', '--bogus'], "Unknown option '--bogus'"],
    [['tenant', 'delete'], 'tenant: unknown subcommand "delete"'],
    [['tenant', 'create', '--name', 'Acme', '--origin', 'https://acme.com/app'], '--origin: must be an origin'],
    [['db', 'drop'], 'db: unknown subcommand "drop"'],
    [['launch'], 'Unknown command "launch"'],
  ])('reports %j as a usage error naming the problem', async (argv, expected) => {
    const { code, stderr } = await main(argv, env);
    expect(code).toBe(2);
    expect(stderr).toContain(expected);
  });

  it('tenant create prints a fresh key pair', async () => {
    const { code, stdout } = await main(['tenant', 'create', '--name', 'Acme', '--origin', 'https://app.acme.com'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/publishable key {2}pk_live_\w{24}/);
    expect(stdout).toMatch(/secret key {7}sk_live_\w{24}/);
  });

  it('db migrate and db seed succeed', async () => {
    expect(await main(['db', 'migrate'], env)).toMatchObject({ code: 0, stdout: 'Migrations applied (pglite).' });
    expect(await main(['db', 'seed'], env)).toMatchObject({ code: 0, stdout: 'Demo data seeded (pglite).' });
    expect(await main(['db', 'seed'], { ...env, NODE_ENV: 'production', TENANT_SECRETS_KEY: 'ab'.repeat(32) })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('never runs with NODE_ENV=production'),
    });
  });
});
