import type { Browser, Page } from '@playwright/test';
import { expect, signInToConsole, signInToShell, test } from './fixtures.ts';

type Program = Record<string, unknown> & { holdHours: number };

/** A visitor opens the invite link, signs up in the demo product and subscribes to Pro. */
async function friendSignsUpAndSubscribes(browser: Browser, link: string, name: string, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\?ref=[2-9A-HJ-KM-NP-Z]{8}/);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: `Welcome back, ${name}` })).toBeVisible();
  await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are on Pro' })).toBeVisible();
  return page;
}

test.describe('a friend converts', () => {
  test('A shares, B signs up and subscribes; A’s open widget shows B rewarded without a reload; a self-referral is held', async ({
    browser,
  }) => {
    const marketer = await signInToConsole('marketer@flywheel.test');
    const program = await marketer.query<Program>('console.referrals.program');
    const { tenantId: _tenant, updatedAt: _updated, ...editable } = program;
    // The hold period, shortened through the program's configuration for the test.
    await marketer.mutate('console.referrals.updateProgram', { ...editable, holdHours: 0 });
    try {
      const alice = await (await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
      // Alice keeps her referral center open: it updates live (GET /api/live), never reloaded.
      const liveStream = alice.waitForResponse((res) => new URL(res.url()).pathname === '/api/live' && res.status() === 200);
      await signInToShell(alice, 'Alice Chen', '/#/referrals');
      await liveStream;
      await alice.getByRole('button', { name: 'Copy link' }).click();
      await expect(alice.getByText('Link copied')).toBeVisible();
      const link = await alice.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(/^http:\/\/localhost:3000\/r\/[2-9A-HJ-KM-NP-Z]{8}\?via=copy$/);

      const bea = await friendSignsUpAndSubscribes(browser, link, 'Bea Friend', 'bea.friend@example.net');

      const aliceWidget = alice.locator('[data-fw-widget="referral-center"]');
      await expect(aliceWidget.getByText('Bea', { exact: true })).toBeVisible();
      await expect(aliceWidget.getByText('Reward approved')).toBeVisible();
      await expect(aliceWidget.getByTestId('rewards-earned')).toHaveText('$20.00');

      await bea.goto('/#/referrals');
      await expect(bea.locator('[data-fw-widget="referral-center"]').getByTestId('rewards-earned')).toHaveText('$20.00');

      // Alice tries her own link under another account with her own email address.
      await friendSignsUpAndSubscribes(browser, link, 'Alice Again', 'alice@example.com');
      await expect(aliceWidget.getByText('Held for review')).toBeVisible();
      const moderator = await signInToConsole('moderator@flywheel.test');
      const held = await moderator.query<{ reasons: string[] }[]>('console.referrals.held');
      expect(held.map((h) => h.reasons)).toContainEqual(['self-referral: same email address']);
      await moderator.dispose();
    } finally {
      await marketer.mutate('console.referrals.updateProgram', { ...editable, holdHours: program.holdHours });
      await marketer.dispose();
    }
  });
});
