import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures.ts';

test.describe('success plan', () => {
  test('a new customer gets the plan their subscription fits; a milestone completes live from the server’s events; they tick a task', async ({
    page,
  }) => {
    // The demo product signs people up through an invite: Carol's link.
    const { token } = (await (await page.request.post('/demo/token', { data: { customer: 'carol' } })).json()) as { token: string };
    const summary = await page.request.get('/trpc/referral.summary', {
      headers: { 'x-flywheel-key': 'pk_test_demo', authorization: `Bearer ${token}` },
    });
    const { linkPath } = ((await summary.json()) as { result: { data: { linkPath: string } } }).result.data;
    await page.goto(linkPath);
    const signedUp = page.waitForResponse((res) => new URL(res.url()).pathname === '/demo/signup');
    await page.getByLabel('Your name').fill('Pia Planner');
    await page.getByLabel('Work email').fill(`pia-${Date.now()}@example.org`);
    await page.getByRole('button', { name: 'Create account' }).click();
    const { customer } = (await (await signedUp).json()) as { customer: string };

    const liveStream = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/live' && res.status() === 200);
    await page.goto('/#/plan');
    const widget = page.locator('[data-fw-widget="success-plan"]');
    // Signed up on the free plan: the "Get started" template.
    await expect(widget.getByRole('heading', { name: 'Get started with Acme' })).toBeVisible();
    await liveStream;
    const firstReport = widget.getByRole('listitem').filter({ hasText: 'Create your first report' });
    await expect(firstReport).toContainText('Next');

    // The tenant's server reports what the customer did in the product.
    const sent = await page.request.post('/api/events', {
      headers: { 'x-flywheel-key': 'pk_test_demo', authorization: 'Bearer sk_test_demo' },
      data: { batch: [{ type: 'track', event: 'report_created', messageId: randomUUID(), userId: customer }] },
    });
    expect(await sent.json()).toEqual({ accepted: 1, duplicates: 0 });
    await expect(firstReport).toContainText('Done');
    await expect(widget.getByRole('progressbar', { name: /^1 of 4 milestones/ })).toBeVisible();

    await widget.getByRole('checkbox', { name: 'Watch the 5-minute product tour' }).check();
    await page.reload();
    await expect(
      page.locator('[data-fw-widget="success-plan"]').getByRole('checkbox', { name: 'Watch the 5-minute product tour' }),
    ).toBeChecked();
  });
});
