import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverWidgets } from '@flywheel/config/widgets';
import { defineConfig } from '@playwright/test';
import pkg from './package.json' with { type: 'json' };

// Each run starts the BFF on a fresh embedded database, serving the built shell, remotes and
// embed.js exactly as `pnpm start` does, plus a plain page on a second origin for embed.js.
const dataDir = mkdtempSync(join(tmpdir(), 'flywheel-e2e-'));

// Turbo builds what this package depends on before the suite: every widget must be among them.
const unbuilt = discoverWidgets().filter(({ name }) => !(`@flywheel/${name}` in pkg.devDependencies));
if (unbuilt.length > 0) {
  throw new Error(`e2e/package.json: devDependencies: add ${unbuilt.map(({ name }) => `"@flywheel/${name}": "workspace:*"`).join(', ')}`);
}

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: 'http://localhost:3000',
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'pnpm --filter @flywheel/bff start',
      url: 'http://127.0.0.1:3000/readyz',
      env: {
        PORT: '3000',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // Console sign-ins at a test cost (the benchmarks start their own BFF at the real one).
        PASSWORD_SCRYPT_N: '1024',
        // Every widget's build served by the BFF (the same discovery the BFF uses, so a new widget is
        // here without edits), and a "canary" build on another origin (fixtures/serve.ts).
        REMOTE_REGISTRY: JSON.stringify([
          ...discoverWidgets().map(({ name, version }) => ({
            name,
            version,
            manifestUrl: `http://localhost:3000/remotes/${name}/mf-manifest.json`,
          })),
          { name: 'referral-center', version: 'canary', manifestUrl: 'http://localhost:3100/canary/referral-center/mf-manifest.json' },
        ]),
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'tsx fixtures/serve.ts',
      url: 'http://127.0.0.1:3100/host-page.html',
      env: { PORT: '3100' },
      reuseExistingServer: false,
    },
    // The same pages on an origin no tenant allows yet: a developer's first try.
    {
      command: 'tsx fixtures/serve.ts',
      url: 'http://127.0.0.1:3102/readme-snippet.html',
      env: { PORT: '3102' },
      reuseExistingServer: false,
    },
  ],
});
