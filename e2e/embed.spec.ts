import AxeBuilder from '@axe-core/playwright';
// The page API's published declarations, as a TypeScript host page would use them.
import type { FlywheelPageEvent } from '@flywheel/embed/flywheel.d.ts';
import type { Page } from '@playwright/test';
import { expect, openConsole, test } from './fixtures.ts';

const snippet = (origin: string, query = '') => `${origin}/readme-snippet.html${query}`;
const NEW_ORIGIN = 'http://localhost:3102';

/** The console's warnings from embed.js, as the developer reads them. */
function flywheelWarnings(page: Page) {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('Flywheel:')) warnings.push(message.text());
  });
  return warnings;
}

test.describe('embed.js tells developers what is wrong', () => {
  test('the README snippet on a new origin shows the host’s fallback and names the origin to add; once an owner adds it, the widget renders', async ({
    page,
    browser,
  }) => {
    const warnings = flywheelWarnings(page);
    await page.goto(snippet(NEW_ORIGIN));
    await expect(page.getByTestId('host-fallback')).toBeVisible();
    await expect
      .poll(() => warnings)
      .toContainEqual(
        expect.stringContaining(`${NEW_ORIGIN} is not an allowed origin for pk_test_demo. Add it in Console → Settings → Origins`),
      );
    // data-debug: the same warning on the page, for whoever is setting the embed up.
    await expect(page.getByRole('status').filter({ hasText: 'is not an allowed origin' })).toBeVisible();

    const owner = await (await browser.newContext()).newPage();
    await openConsole(owner, 'owner@flywheel.test', '#/settings');
    await owner.getByLabel('Origin', { exact: true }).fill(NEW_ORIGIN);
    await owner.getByRole('button', { name: 'Add origin' }).click();
    await expect(owner.getByRole('listitem').filter({ hasText: NEW_ORIGIN })).toBeVisible();

    await page.reload();
    await expect(page.locator('flywheel-widget').getByRole('heading', { name: 'Invite friends, earn rewards' })).toBeVisible();
    await expect(page.locator('flywheel-widget').getByText(/^Your code: /)).toBeVisible();
    await expect(page.getByTestId('host-fallback')).toBeHidden();

    // Back as it was, for the journeys that follow.
    await owner.getByRole('button', { name: `Remove ${NEW_ORIGIN}` }).click();
    await expect(owner.getByRole('listitem').filter({ hasText: NEW_ORIGIN })).toHaveCount(0);
  });

  test('a wrong publishable key shows the host’s fallback, and the warning says where the right one is', async ({ page }) => {
    const warnings = flywheelWarnings(page);
    await page.goto(snippet('http://localhost:3100', '?key=pk_test_typo'));
    await expect(page.getByTestId('host-fallback')).toBeVisible();
    await expect
      .poll(() => warnings)
      .toContainEqual(expect.stringContaining('pk_test_typo is not a Flywheel publishable key. Copy it from Console → Settings'));
  });

  test('a page that never identifies shows the widget signed out, not an error, and the warning says to call identify', async ({
    page,
  }) => {
    const warnings = flywheelWarnings(page);
    await page.goto(snippet('http://localhost:3100', '?anonymous'));
    const widget = page.locator('flywheel-widget');
    await expect(widget.getByText('Sign in to see your invite link.')).toBeVisible();
    await expect(widget.getByRole('alert')).toHaveCount(0);
    await expect.poll(() => warnings).toContainEqual(expect.stringContaining('has not called Flywheel.identify()'));
  });
});

test.describe('the page API', () => {
  test('tells the host page about its widgets, tracks the host’s events, and signs the customer out with reset()', async ({ page }) => {
    await page.goto(snippet('http://localhost:3100'));
    const widget = page.locator('flywheel-widget');
    await expect(widget.getByText(/^Your code: /)).toBeVisible();
    await page.evaluate(() => {
      const seen: FlywheelPageEvent[] = [];
      Object.assign(window, { seen });
      window.Flywheel?.on('share', (event) => seen.push(event));
      window.Flywheel?.on('ready', (event) => seen.push(event));
    });
    const seen = () => page.evaluate(() => (window as unknown as { seen: FlywheelPageEvent[] }).seen);

    await widget.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(seen).toContainEqual({ type: 'share', event: 'referral_invite_sent', channel: 'copy' });

    const sent = page.waitForRequest(
      (request) => request.url().endsWith('/api/events') && (request.postData() ?? '').includes('host_checkout_completed'),
    );
    await page.evaluate(() => window.Flywheel?.track('host_checkout_completed', { plan: 'pro' }));
    expect(JSON.parse((await sent).postData() ?? '{}').batch).toContainEqual(
      expect.objectContaining({ event: 'host_checkout_completed', properties: { plan: 'pro' } }),
    );

    // Signing out and in again refreshes the widget where it is: no remount, so no second `ready`.
    await page.evaluate(() => window.Flywheel?.reset());
    await expect(widget.getByText('Sign in to see your invite link.')).toBeVisible();
    await expect(widget.getByText(/^Your code: /)).toHaveCount(0);
    await page.evaluate(() =>
      window.Flywheel?.identify(async () => {
        const response = await fetch('http://localhost:3000/demo/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ customer: 'alice' }),
        });
        return ((await response.json()) as { token: string }).token;
      }),
    );
    await expect(widget.getByText(/^Your code: /)).toBeVisible();
    expect((await seen()).filter((event) => event.type === 'ready')).toEqual([]);

    const declarations = await page.request.get('http://localhost:3000/embed/flywheel.d.ts');
    expect(declarations.headers()['content-type']).toBe('text/plain; charset=utf-8');
    expect(await declarations.text()).toContain('export interface FlywheelPageApi');
  });
});

test.describe('settings an engineer manages', () => {
  test('an owner brands the widgets and sets their language, sees it in the preview, and embedded widgets follow', async ({
    page,
    browser,
  }) => {
    await openConsole(page, 'owner@flywheel.test', '#/settings');
    await page.getByLabel('Primary colour').fill('#0a7d33');
    await page.getByLabel('Widget language').selectOption('zh-CN');
    const preview = page.getByTestId('branding-preview');
    await expect(preview.getByRole('button', { name: '复制链接' })).toHaveCSS('background-color', 'rgb(10, 125, 51)');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    const accessibility = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(accessibility.violations).toEqual([]);

    try {
      const customer = await (await browser.newContext()).newPage();
      await customer.goto(snippet('http://localhost:3100'));
      const widget = customer.locator('flywheel-widget');
      await expect(widget.getByRole('heading', { name: '邀请好友，赢取奖励' })).toBeVisible();
      await expect(widget.getByRole('button', { name: '复制链接' })).toHaveCSS('background-color', 'rgb(10, 125, 51)');
    } finally {
      // Back to the defaults, for the journeys that follow.
      await page.getByRole('button', { name: 'Back to defaults' }).click();
      await page.getByLabel('Widget language').selectOption('');
      await page.getByRole('button', { name: 'Save branding' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    }
  });

  test('an owner registers a webhook endpoint, sees its secret once and the delivery of an event the REST API caused', async ({
    page,
    request,
  }) => {
    await openConsole(page, 'owner@flywheel.test', '#/settings');
    const hooks = 'http://localhost:3100/flywheel-webhooks';
    await page.getByLabel('Endpoint URL').fill(hooks);
    await page.getByLabel('Events', { exact: true }).fill('badge_awarded');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'is not shown again' })
        .getByText(/^whsec_/),
    ).toBeVisible();

    // The tenant's server awards a badge through the REST API: badge_awarded goes to the endpoint.
    const server = { authorization: 'Bearer sk_test_demo' };
    expect((await request.put('/api/v1/customers/webhook-watcher', { headers: server, data: {} })).status()).toBe(200);
    const award = await request.post('/api/v1/customers/webhook-watcher/badges', { headers: server, data: { badge: 'first-invite' } });
    expect(award.status()).toBe(200);

    await page.getByRole('button', { name: `Deliveries to ${hooks}` }).click();
    const deliveries = page.getByRole('table', { name: `Deliveries to ${hooks}, newest first` });
    // The worker delivers within seconds; the open log refreshes itself.
    await expect(deliveries.getByRole('rowheader', { name: 'badge_awarded' }).first()).toBeVisible({ timeout: 30_000 });

    await page.getByRole('button', { name: `Remove ${hooks}` }).click();
    await expect(page.getByText('No endpoint yet.')).toBeVisible();
  });
});
