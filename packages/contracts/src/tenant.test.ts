import { describe, expect, it } from 'vitest';
import { createTenantInput } from './tenant.ts';

describe('tenant contract', () => {
  it('normalises origins and rejects anything that is not exactly an origin', () => {
    expect(createTenantInput.parse({ name: 'Acme', allowedOrigins: ['https://app.acme.com/'] }).allowedOrigins).toEqual([
      'https://app.acme.com',
    ]);
    for (const bad of ['https://app.acme.com/path', 'javascript:alert(1)', 'ftp://acme.com', 'acme.com']) {
      expect(createTenantInput.safeParse({ name: 'Acme', allowedOrigins: [bad] }).success, bad).toBe(false);
    }
  });
});
