// `pnpm --filter @flywheel/bff openapi`: writes the REST API's OpenAPI document, as the BFF serves
// it, to packages/client/openapi.json and regenerates the client's types from it. A test fails
// when the committed document falls behind the routes.
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createTestApp } from '../src/test-app.ts';

const target = fileURLToPath(new URL('../../../packages/client/openapi.json', import.meta.url));
const world = await createTestApp();
try {
  const document = await (await world.app.request('/api/v1/openapi.json')).json();
  await writeFile(target, `${JSON.stringify(document, null, 2)}\n`);
} finally {
  await world.close();
}
execFileSync('pnpm', ['--filter', '@flywheel/client', 'generate'], { stdio: 'inherit' });
console.log(`wrote ${target}`);
