// `pnpm --filter @flywheel/client generate`: the client's types (src/schema.ts) from openapi.json,
// with openapi-typescript. The BFF's `pnpm openapi` writes openapi.json first; a test fails when
// either falls behind.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

export const DOCUMENT_PATH = fileURLToPath(new URL('../openapi.json', import.meta.url));
export const SCHEMA_PATH = fileURLToPath(new URL('../src/schema.ts', import.meta.url));

const HEADER = '// Generated from openapi.json by `pnpm --filter @flywheel/client generate`: do not edit.\n\n';

export async function renderSchema(document: string): Promise<string> {
  return HEADER + astToString(await openapiTS(document));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(SCHEMA_PATH, await renderSchema(await readFile(DOCUMENT_PATH, 'utf8')));
  console.log(`wrote ${SCHEMA_PATH}`);
}
