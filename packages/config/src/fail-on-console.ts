import { afterEach, beforeEach, vi } from 'vitest';

// A console.error or console.warn nobody expected is a bug the test did not notice.
// Tests that expect one replace the spy with their own (`vi.spyOn(console, 'error')`).
let unexpected: string[] = [];

beforeEach(() => {
  unexpected = [];
  for (const level of ['error', 'warn'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      unexpected.push(`console.${level}: ${args.map(String).join(' ')}`);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  if (unexpected.length > 0) {
    throw new Error(`Unexpected console output during the test:\n${unexpected.join('\n')}`);
  }
});
