import { expect, hostPage, signInAsMarketer, signInToShell, test } from './fixtures.ts';

test.describe('flags reach widgets', () => {
  test('turning referral-center.enabled off hides the widget everywhere, without a fallback', async ({ page, browser }) => {
    const marketer = await signInAsMarketer();
    try {
      await marketer.rollout('referral-center.enabled', 'off');
      // The page's live stream opens once its flags are loaded and evaluated: the signal that the
      // widget has decided not to render (the stream stays open, so the network never goes idle).
      const flagsLoaded = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/live');
      await signInToShell(page);
      await expect(page.getByText('Queries this week')).toBeVisible();
      await flagsLoaded;
      await expect(page.locator('[data-fw-widget="referral-center"]')).toHaveCount(0);
      await expect(page.getByTestId('fallback-referral-center')).toHaveCount(0);

      const embed = await browser.newPage();
      const embedFlagsLoaded = embed.waitForResponse((res) => new URL(res.url()).pathname === '/api/live');
      await embed.goto(hostPage());
      await embedFlagsLoaded;
      await expect(embed.getByRole('heading', { name: 'Partner site' })).toBeVisible();
      await expect(embed.locator('flywheel-widget').getByRole('heading')).toHaveCount(0);
      await expect(embed.getByTestId('embed-fallback')).toBeHidden();
      await embed.close();
    } finally {
      await marketer.rollout('referral-center.enabled', null);
      await marketer.dispose();
    }
  });

  test('a change made in the console reaches an open widget over SSE within a second, without a reload', async ({ page }) => {
    const marketer = await signInAsMarketer();
    try {
      const stream = page.waitForResponse((res) => new URL(res.url()).pathname.startsWith('/sub/') && res.status() === 200);
      await signInToShell(page);
      await expect(page.getByRole('heading', { name: 'Invite friends, earn rewards' })).toBeVisible();
      await stream; // the SDK's stream is open: a change from now on is pushed
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));
      const started = Date.now();
      await marketer.rollout('referral-center.headline', 'give-get');
      await expect(page.getByRole('heading', { name: /^Give \S+, get \S+$/ })).toBeVisible({ timeout: 1000 });
      expect(Date.now() - started).toBeLessThan(1500);
      expect(navigations).toEqual([]);
    } finally {
      await marketer.rollout('referral-center.headline', null);
      await marketer.dispose();
    }
  });

  test('pointing referral-center.remote at another build loads that build for the targeted customers only', async ({ browser }) => {
    const marketer = await signInAsMarketer();
    try {
      await marketer.rollout('referral-center.remote', 'canary', { id: 'bob' });
      const manifestsFor = async (customer: string) => {
        const page = await browser.newPage();
        const manifests: string[] = [];
        page.on('request', (req) => {
          if (req.url().endsWith('/mf-manifest.json')) manifests.push(new URL(req.url()).origin);
        });
        await signInToShell(page, customer);
        await expect(page.locator('[data-fw-widget="referral-center"]').getByRole('heading', { level: 2 })).toBeVisible();
        await page.close();
        return manifests;
      };
      expect(await manifestsFor('Bob Martin')).toEqual(['http://localhost:3100']);
      expect(await manifestsFor('Alice Chen')).toEqual(['http://localhost:3000']);
    } finally {
      await marketer.rollout('referral-center.remote', null, null);
      await marketer.dispose();
    }
  });
});
