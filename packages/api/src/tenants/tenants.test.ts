import { DEMO } from '@flywheel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateWidgetRequest } from '../identity/index.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const fromOrigin = (origin: string) =>
  authenticateWidgetRequest(world.deps.tenants, new Headers({ 'x-flywheel-key': DEMO.publishableKey, origin }), 'http://bff.test/trpc');

describe('allowed origins', () => {
  it('lets an owner add an origin that works on the next request, and remove it again', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    expect(await fromOrigin('http://localhost:8099')).toMatchObject({ status: 'rejected', refusal: 'origin_not_allowed' });
    const added = await owner.console.tenant.addOrigin({ origin: 'http://localhost:8099/' });
    expect(added.allowedOrigins).toContain('http://localhost:8099');
    expect(await fromOrigin('http://localhost:8099')).toMatchObject({ status: 'ok' });
    await owner.console.tenant.addOrigin({ origin: 'http://localhost:8099' });
    expect((await owner.console.tenant.settings()).allowedOrigins.filter((o) => o === 'http://localhost:8099')).toHaveLength(1);
    await owner.console.tenant.removeOrigin({ origin: 'http://localhost:8099' });
    expect(await fromOrigin('http://localhost:8099')).toMatchObject({ status: 'rejected', refusal: 'origin_not_allowed' });
  });

  it('accepts a wildcard for subdomains and says so, and refuses what is not an origin, naming the field', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const added = await owner.console.tenant.addOrigin({ origin: 'https://*.Acme.example' });
    expect(added.wildcards).toEqual(['https://*.acme.example']);
    expect(await fromOrigin('https://app.acme.example')).toMatchObject({ status: 'ok' });
    for (const bad of ['https://app.example.com/path', 'ftp://files.example.com', 'https://*.*.example.com', 'not a url', '*']) {
      await expect(owner.console.tenant.addOrigin({ origin: bad }), bad).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('origin'),
      });
    }
  });

  it('lets only owners change origins; every role reads them, never the secret key', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.tenant.addOrigin({ origin: 'https://marketing.example' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const settings = await marketer.console.tenant.settings();
    expect(settings.publishableKey).toBe(DEMO.publishableKey);
    expect(JSON.stringify(settings)).not.toContain(DEMO.secretKey);
  });
});
