import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insights, tenantIdByKey, verifyCustomerToken } from '@flywheel/api';
import { DEMO, schema } from '@flywheel/db';
import { loadDefinitions } from '@flywheel/flags';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { main } from './main.ts';

// One scratch data folder for the file, migrated once: a fresh in-memory PGlite per command would
// pay its initdb (seconds) every time, which is what timed these tests out on a loaded machine.
const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'flywheel-cli-')) };
beforeAll(async () => {
  expect(await main(['db', 'migrate'], env)).toMatchObject({ code: 0 });
});

describe('pnpm flywheel', () => {
  it('prints help listing every command', async () => {
    const { code, stdout } = await main(['--help'], env);
    expect(code).toBe(0);
    for (const command of [
      'flywheel token',
      'flywheel tenant create',
      'flywheel db migrate',
      'flywheel db seed',
      'flywheel worker',
      'flywheel events replay',
    ]) {
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
    [['tenant', 'create', '--name', 'Acme', '--owner', 'cto@acme.com', '--origin', 'https://acme.com/app'], '--origin: must be an origin'],
    [['tenant', 'create', '--name', 'Acme', '--origin', 'https://acme.com'], '--owner: required'],
    [['db', 'drop'], 'db: unknown subcommand "drop"'],
    [['events', 'replay', '--id', 'seven'], '--id: "seven" is not reaction:<id> or job:<id>'],
    [['events', 'replay', '--tenant', 'demo'], '--tenant: a publishable key'],
    [['events', 'purge'], 'events: unknown subcommand "purge"'],
    [['worker', '--forever'], "Unknown option '--forever'"],
    [['launch'], 'Unknown command "launch"'],
  ])('reports %j as a usage error naming the problem', async (argv, expected) => {
    const { code, stderr } = await main(argv, env);
    expect(code).toBe(2);
    expect(stderr).toContain(expected);
  });

  // Each command opens the data folder's PGlite, and tenant create hashes a password (scrypt, slow
  // on purpose): a minute and a half on a loaded machine. The domain tests cover the behaviour;
  // these check the commands reach it.
  let created = '';
  it('tenant create prints a fresh key pair and the first owner’s one-time password', { timeout: 90_000 }, async () => {
    const { code, stdout } = await main(
      ['tenant', 'create', '--name', 'Acme', '--owner', 'CTO@acme.com', '--origin', 'https://app.acme.com'],
      env,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/publishable key {2}pk_live_\w{24}/);
    expect(stdout).toMatch(/secret key {7}sk_live_\w{24}/);
    expect(stdout).toMatch(/console owner {4}cto@acme\.com with the one-time password [\w-]{16}/);
    created = /pk_live_\w+/.exec(stdout)?.[0] ?? '';
  });

  it('tenant origins adds an origin, warning about a wildcard; rotate-secret prints a new key', { timeout: 90_000 }, async () => {
    const added = await main(['tenant', 'origins', 'add', created, 'https://*.acme.com'], env);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('Warning: https://*.acme.com lets every subdomain') });
    expect(added.stdout).toContain('  https://app.acme.com\n  https://*.acme.com');
    const rotated = await main(['tenant', 'rotate-secret', created, '--overlap-hours', '2'], env);
    expect(rotated).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^New secret key for pk_live_\w+:\n {2}sk_live_\w{24} {3}\(shown once/),
    });
    // Refused before the database opens, naming what to fix.
    expect(await main(['tenant', 'rotate-secret', created, '--overlap-hours', 'soon'], env)).toMatchObject({ code: 2 });
    expect(await main(['tenant', 'origins', 'add', created, 'https://app.example.com/path'], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('<origin>: must be an origin'),
    });
  });

  // Three PGlite starts, every migration and a seed (password hashing included): slow on a loaded machine.
  it('db migrate and db seed succeed', { timeout: 90_000 }, async () => {
    expect(await main(['db', 'migrate'], env)).toMatchObject({ code: 0, stdout: 'Migrations applied (pglite).' });
    expect(await main(['db', 'seed'], env)).toMatchObject({ code: 0, stdout: 'Demo data seeded (pglite).' });
    expect(await main(['db', 'seed'], { ...env, NODE_ENV: 'production', TENANT_SECRETS_KEY: 'ab'.repeat(32) })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('never runs with NODE_ENV=production'),
    });
  });
});

describe('pnpm flywheel worker and events', () => {
  // Three commands, each opening the data folder's PGlite: a minute and a half on a loaded machine.
  it('worker --once runs what is due and exits; events lists and replays dead letters', { timeout: 90_000 }, async () => {
    expect(await main(['worker', '--once'], env)).toMatchObject({ code: 0, stdout: 'Handled 0 deliveries and jobs (pglite).' });
    expect(await main(['events', 'dead-letters'], env)).toMatchObject({ code: 0, stdout: 'No dead letters.' });
    expect(await main(['events', 'replay', '--name', 'referral.milestones', '--id', 'job:7'], env)).toMatchObject({
      code: 0,
      stdout: 'Requeued 0 dead letters.',
    });
  });
});

describe('pnpm flywheel widget new', () => {
  it.each(['Bad', 'has_underscore', '1st', 'double--dash', ''])('refuses the name %j', async (name) => {
    const { code, stderr } = await main(['widget', 'new', name], env);
    expect(code).toBe(2);
    expect(stderr).toContain('<name>');
  });

  it('writes the referral center’s files, so the template and the model widget stay in step', async () => {
    const { namesOf, widgetAppFiles } = await import('./commands/widget-template.ts');
    const model = new URL('../../referral-center/', import.meta.url);
    for (const path of Object.keys(widgetAppFiles(namesOf('x'), 1))) {
      expect(existsSync(new URL(path, model)), path).toBe(true);
    }
  });
});

/** A scratch copy of experiments/ that a test may break. */
function copyOfExperiments() {
  const dir = mkdtempSync(join(tmpdir(), 'experiments-'));
  cpSync(new URL('../../../experiments', import.meta.url), dir, { recursive: true });
  return dir;
}

describe('pnpm flywheel experiments', () => {
  it('check passes on the repository’s experiments/', async () => {
    const { features, metrics } = loadDefinitions();
    expect(await main(['experiments', 'check'], env)).toMatchObject({
      code: 0,
      stdout: `${features.length} features and ${metrics.length} metrics are valid.`,
    });
  });

  it('check fails on a broken file, naming the file, the field and the reason', async () => {
    const dir = copyOfExperiments();
    writeFileSync(
      join(dir, 'referral-center.headline.yaml'),
      'key: referral-center.headline\nwidget: referral-center\ndescription: Headline copy test.\nvalueType: string\ndefaultValue: control\nvariations:\n  - {id: control, value: control}\n  - {id: give-get, value: 3}\nexperiment:\n  hypothesis: Clearer copy gets more shares.\n  goalMetrics: [shares]\n  coverage: 2\n',
    );
    const { code, stderr } = await main(['experiments', 'check', '--dir', dir], env);
    expect(code).toBe(1);
    expect(stderr).toContain('referral-center.headline.yaml: variations.1.value: must be a string');
    expect(stderr).toContain('referral-center.headline.yaml: experiment.coverage: Too big');
  });

  it('check names a goal metric that metrics.yaml does not define', async () => {
    const dir = copyOfExperiments();
    const file = join(dir, 'referral-center.headline.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('goalMetrics: [referral_invite_sent]', 'goalMetrics: [shares]'));
    const { stderr } = await main(['experiments', 'check', '--dir', dir], env);
    expect(stderr).toContain('referral-center.headline.yaml: experiment.goalMetrics.0: no metric "shares" in metrics.yaml');
  });

  it('check fails when a widget in apps/ has no kill switch or no build flag', async () => {
    const dir = copyOfExperiments();
    rmSync(join(dir, 'referral-center.remote.yaml'));
    const { code, stderr } = await main(['experiments', 'check', '--dir', dir], env);
    expect(code).toBe(1);
    expect(stderr).toContain('referral-center.remote.yaml: (file): is missing: every widget needs the flag naming the build hosts load');
  });

  it('check fails when the committed JSON Schemas are out of date', async () => {
    const dir = copyOfExperiments();
    writeFileSync(join(dir, 'feature.schema.json'), '{}\n');
    const { code, stderr } = await main(['experiments', 'check', '--dir', dir], env);
    expect(code).toBe(1);
    expect(stderr).toContain('feature.schema.json: (file): is out of date');
  });

  it('pull writes what the console created into the feature files, keeping their comments; check --tenant validates it', {
    timeout: 90_000,
  }, async () => {
    await main(['db', 'seed'], env);
    const { database } = await openDatabase(env);
    try {
      const tenantId = (await tenantIdByKey(database.db, DEMO.publishableKey)) as string;
      await database.db.delete(schema.copyVariations).where(eq(schema.copyVariations.tenantId, tenantId));
      await database.db.delete(schema.authoredExperiments).where(eq(schema.authoredExperiments.tenantId, tenantId));
      await database.db.insert(schema.copyVariations).values({
        tenantId,
        featureKey: 'referral-center.headline',
        variationId: 'two-sided',
        texts: { en: 'You both get {{referrer}}', 'zh-CN': '你们各得{{referrer}}' },
      });
      await database.db.insert(schema.authoredExperiments).values({
        tenantId,
        featureKey: 'referral-center.headline',
        definition: {
          key: 'headline-two-sided',
          hypothesis: 'Naming what both sides get makes more customers share.',
          variations: ['control', 'two-sided'],
          goalMetrics: ['referral_invite_sent'],
        },
      });
    } finally {
      await database.close();
    }
    const dir = copyOfExperiments();
    expect(await main(['experiments', 'check', '--dir', dir, '--tenant', DEMO.publishableKey], env)).toMatchObject({ code: 0 });
    expect(await main(['experiments', 'pull', DEMO.publishableKey, '--dir', dir], env)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('referral-center.headline.yaml'),
    });
    const written = readFileSync(join(dir, 'referral-center.headline.yaml'), 'utf8');
    expect(written).toMatch(/^# yaml-language-server: \$schema=\.\/feature\.schema\.json/);
    const headline = loadDefinitions(dir).features.find((f) => f.key === 'referral-center.headline');
    expect(headline?.variations.at(-1)).toEqual({
      id: 'two-sided',
      value: 'two-sided',
      texts: { en: 'You both get {{referrer}}', 'zh-CN': '你们各得{{referrer}}' },
    });
    expect(headline?.experiment).toMatchObject({ key: 'headline-two-sided', variations: ['control', 'two-sided'] });
    expect(await main(['experiments', 'check', '--dir', dir], env)).toMatchObject({ code: 0 });

    // A console experiment the files no longer accept (its metric was removed) is reported, never written.
    const metrics = join(dir, 'metrics.yaml');
    const stale = copyOfExperiments();
    writeFileSync(join(stale, 'metrics.yaml'), readFileSync(metrics, 'utf8').replace(/key: referral_invite_sent/, 'key: invites_sent'));
    const { code, stderr } = await main(['experiments', 'check', '--dir', stale, '--tenant', DEMO.publishableKey], env);
    expect(code).toBe(1);
    expect(stderr).toContain('console:referral-center.headline');
    expect(await main(['experiments', 'pull', 'pk_nobody', '--dir', dir], env)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('<publishable key>: no tenant has pk_nobody'),
    });
  });

  it('push upserts into GrowthBook and needs its key and URL', async () => {
    const { growthbookApi } = await import('@flywheel/testing/msw/growthbook');
    const { setupServer } = await import('msw/node');
    const gb = growthbookApi('http://gb.test/api', 'secret_x');
    const server = setupServer(...gb.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      expect(await main(['experiments', 'push'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('--api-url: required') });
      const pushed = await main(['experiments', 'push', '--api-url', 'http://gb.test/api'], { ...env, GROWTHBOOK_SECRET_KEY: 'secret_x' });
      const { features } = loadDefinitions();
      const experiments = features.filter((f) => f.experiment).length;
      expect(pushed).toMatchObject({
        code: 0,
        stdout: `Features: ${features.length} created, 0 updated\nExperiments: ${experiments} created, 0 updated`,
      });
      expect(gb.store.features.size).toBe(features.length);
    } finally {
      server.close();
    }
  });
});

describe('pnpm flywheel insights', () => {
  it('export writes the article’s columns for every customer; train prints the held-out evaluation', { timeout: 120_000 }, async () => {
    await main(['db', 'seed'], env);
    const sample = insights.sampleTenant({ customers: 240, seed: 5 });
    const { database } = await openDatabase(env);
    try {
      const tenantId = (await tenantIdByKey(database.db, DEMO.publishableKey)) as string;
      await database.db
        .insert(schema.customers)
        .values(sample.customers.map((c) => ({ tenantId, externalId: c.externalId, firstSeenAt: c.firstSeenAt })))
        .onConflictDoNothing();
      // Arranged as stored rows: this test is about reading them, not about ingestion.
      for (let i = 0; i < sample.events.length; i += 500) {
        await database.db
          .insert(schema.events)
          .values(
            sample.events.slice(i, i + 500).map(({ from, timestamp, ...event }) => ({
              ...event,
              tenantId,
              producer: from,
              timestamp: new Date(timestamp),
            })),
          )
          .onConflictDoNothing();
      }
    } finally {
      await database.close();
    }
    const out = join(mkdtempSync(join(tmpdir(), 'insights-')), 'customer_data.csv');
    const exported = await main(['insights', 'export', DEMO.publishableKey, '--out', out], env);
    expect(exported).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote \d+ customers to /) });
    const [header, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
    expect(header?.split(',')).toEqual(
      expect.arrayContaining(['customer_id', 'login_freq', 'feature_usage', 'support_tickets', 'monetary', 'tier', 'high_value']),
    );
    expect(rows.length).toBeGreaterThanOrEqual(240);

    const trained = await main(['insights', 'train', DEMO.publishableKey], { ...env, CI: 'true' });
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/model v\d+: ROC AUC 0\.\d{3} on \d+ held-out customers/);
    expect(trained.stdout).toMatch(/importances: \w+ \d/);
    expect(await main(['insights', 'train'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('publishable key') });
  });
});
