// Adds up the vitest JSON reports every package writes to test-results/vitest.json
// (and Playwright's, once e2e exists) and prints "<passed> <failed>".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
for (const area of ['apps', 'packages']) {
  for (const name of readdirSync(area)) {
    const report = join(area, name, 'test-results', 'vitest.json');
    if (!existsSync(report)) continue;
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  }
}
const e2e = join('e2e', 'test-results', 'playwright.json');
if (existsSync(e2e)) {
  const { stats } = JSON.parse(readFileSync(e2e, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
}
console.log(`${passed} ${failed}`);
