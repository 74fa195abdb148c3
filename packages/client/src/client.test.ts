import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH, renderSchema, SCHEMA_PATH } from '../scripts/generate.ts';

describe('the generated client', () => {
  it('has types generated from the committed OpenAPI document (pnpm --filter @flywheel/client generate)', async () => {
    const expected = await renderSchema(await readFile(DOCUMENT_PATH, 'utf8'));
    expect(await readFile(SCHEMA_PATH, 'utf8')).toBe(expected);
  }, 30_000);
});
