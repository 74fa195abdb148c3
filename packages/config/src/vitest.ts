import { defineConfig, type ViteUserConfig } from 'vitest/config';

type ProjectOptions = {
  /** Shown in front of every test name, e.g. `db`. */
  name: string;
  environment?: 'node' | 'happy-dom';
  setupFiles?: string[];
  /** Database-backed suites start PGlite (about 2 s) or create a Postgres database per file. */
  testTimeout?: number;
};

/**
 * The one vitest project shape every package uses: tests beside the code, a JSON report that
 * `.ci/run` adds up, and a setup file that turns an unexpected `console.error` into a failure.
 */
export function defineFlywheelProject(options: ProjectOptions): ViteUserConfig {
  return defineConfig({
    test: {
      name: options.name,
      environment: options.environment ?? 'node',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: [new URL('./fail-on-console.ts', import.meta.url).pathname, ...(options.setupFiles ?? [])],
      testTimeout: options.testTimeout ?? 10_000,
      // Password hashing at 2^10 instead of 2^17: the suites hash hundreds of passwords on one
      // thread of a busy two-core machine, and nothing they hash protects anything (decision 028).
      env: { PASSWORD_SCRYPT_N: '1024' },
      // Generous: in `pnpm test` every package's suite, the e2e browser and its BFF share two cores,
      // and a database suite's setup (PGlite, migrations, seed, a scrypt sign-in) slows down with them.
      hookTimeout: 90_000,
      reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    },
  });
}
