import AxeBuilder from '@axe-core/playwright';
import { discoverWidgets } from '@flywheel/config/widgets';
import { expect, hostPage, openConsole, signInToShell, test } from './fixtures.ts';

test.describe('the shell', () => {
  test('loads the referral center through the registry and shows the signed-in customer', async ({ page }) => {
    const manifest = page.waitForRequest('**/remotes/referral-center/mf-manifest.json');
    await signInToShell(page);
    await manifest;
    const widget = page.locator('[data-fw-widget="referral-center"]');
    await expect(widget.getByRole('heading', { name: 'Invite friends, earn rewards' })).toBeVisible();
    // Alice's own referral link, read through customer.me's identity and referral.summary.
    await expect(widget.locator('.fw-referral__url')).toHaveText(/^Invite link: http:\/\/localhost:3000\/r\/[2-9A-HJ-KM-NP-Z]{8}$/);
  });

  test('renders the widget in Simplified Chinese when the page is zh-CN', async ({ page }) => {
    await signInToShell(page, '王丹', '/?locale=zh-CN');
    await expect(page.getByRole('heading', { name: '邀请好友，赢取奖励' })).toBeVisible();
    await expect(page.locator('[data-fw-widget="referral-center"]')).toHaveAttribute('lang', 'zh-CN');
  });

  test('has no serious or critical accessibility violations with the widget loaded', async ({ page }) => {
    await signInToShell(page);
    await expect(page.getByRole('heading', { name: 'Invite friends, earn rewards' })).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

test.describe('resilience', () => {
  test('a remote whose manifest 404s shows its fallback while the page keeps working', async ({ page }) => {
    await page.route('**/remotes/referral-center/mf-manifest.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await signInToShell(page);
    await expect(page.getByTestId('fallback-referral-center')).toBeVisible();
    await expect(page.getByText('Queries this week')).toBeVisible();
    await page.getByRole('link', { name: 'Achievements' }).click();
    await expect(page.getByRole('heading', { name: 'Achievements' })).toBeVisible();
  });

  test('a remote whose script fails to load shows its fallback', async ({ page }) => {
    await page.route('**/remotes/referral-center/static/js/**', (route) => route.abort('failed'));
    await signInToShell(page);
    await expect(page.getByTestId('fallback-referral-center')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText('Queries this week')).toBeVisible();
  });

  test('a widget that throws shows the quiet fallback and reports the error', async ({ page }) => {
    // referral.summary answering null makes the component throw while rendering.
    await page.route('**/trpc/referral.summary**', (route) => route.fulfill({ json: [{ result: { data: null } }] }));
    const reported = page.waitForRequest((req) => req.url().endsWith('/api/events') && (req.postData() ?? '').includes('widget_error'), {
      timeout: 15_000,
    });
    await signInToShell(page);
    await expect(page.getByRole('note')).toHaveText('This section isn’t available right now.');
    await expect(page.getByText('Queries this week')).toBeVisible();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await reported;
  });
});

test.describe('embed.js on another origin', () => {
  test('renders the widget inside a shadow root, untouched by a hostile stylesheet, themed by --fw-*', async ({ page }) => {
    await page.goto(hostPage());
    const widget = page.locator('flywheel-widget');
    await expect(widget.getByRole('heading', { name: 'Invite friends, earn rewards' })).toBeVisible();
    await expect(widget.getByText(/^Your code: [2-9A-HJ-KM-NP-Z]{8}$/)).toBeVisible();
    const styles = await page.evaluate(() => {
      const shadow = document.querySelector('flywheel-widget')?.shadowRoot;
      const root = shadow?.querySelector('.fw-root');
      const heading = shadow?.querySelector('h2');
      if (!root || !heading) return null;
      const h = getComputedStyle(heading);
      return {
        inShadow: document.querySelector('.fw-root') === null,
        color: h.color,
        fontSize: h.fontSize,
        display: h.display,
        fontFamily: h.fontFamily,
        primary: getComputedStyle(root).getPropertyValue('--fw-primary').trim(),
      };
    });
    expect(styles).not.toBeNull();
    expect(styles?.inShadow).toBe(true);
    expect(styles?.color).not.toBe('rgb(255, 0, 0)');
    expect(styles?.fontSize).not.toBe('40px');
    expect(styles?.display).toBe('block');
    expect(styles?.fontFamily).not.toContain('Comic Sans');
    expect(styles?.primary).toBe('rgb(0, 128, 0)');
  });

  test('renders Simplified Chinese with locale="zh-CN"', async ({ page }) => {
    await page.goto(hostPage('?locale=zh-CN&customer=dan'));
    await expect(page.locator('flywheel-widget').getByRole('heading', { name: '邀请好友，赢取奖励' })).toBeVisible();
  });

  test('shows the element’s own fallback when the widget cannot load', async ({ page }) => {
    await page.route('**/remotes/referral-center/mf-manifest.json', (route) => route.fulfill({ status: 404 }));
    await page.goto(hostPage());
    await expect(page.getByTestId('embed-fallback')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('heading', { name: 'Partner site' })).toBeVisible();
  });

  test('two widgets on one page share one embed host, one runtime and one React', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (req) => {
      if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
    });
    await page.goto('http://localhost:3100/two-widgets.html');
    await expect(page.getByRole('heading', { name: 'Invite friends, earn rewards' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '邀请好友，赢取奖励' })).toBeVisible();
    expect(scripts.filter((s) => s.endsWith('/host.js'))).toHaveLength(1);
    expect(scripts.filter((s) => s.endsWith('/remoteEntry.js'))).toHaveLength(1);
    expect(new Set(scripts).size).toBe(scripts.length);
    const reactVersions = await page.evaluate(() => {
      type Share = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
      const share = (window as unknown as { __FEDERATION__?: { __SHARE__?: Share } }).__FEDERATION__?.__SHARE__ ?? {};
      return Object.values(share).flatMap((scope) => Object.keys(scope.default?.react ?? {}));
    });
    expect(new Set(reactVersions).size).toBe(1);
  });
});

// Every widget in apps/, found the way the BFF finds them: a new widget is covered without edits.
test.describe('every widget', () => {
  for (const { name } of discoverWidgets()) {
    test(`${name} renders in the shell, through embed.js, and in the console’s Preview`, async ({ page }) => {
      await signInToShell(page, 'Alice Chen', `/#/widget/${name}`);
      await expect(page.locator(`[data-fw-widget="${name}"]`).getByRole('heading').first()).toBeVisible();

      await page.goto(hostPage(`?widget=${name}`));
      await expect(page.locator('flywheel-widget').getByRole('heading').first()).toBeVisible();
      await expect(page.getByTestId('embed-fallback')).toBeHidden();

      await openConsole(page, 'marketer@flywheel.test', `#/experiments/${name}.enabled`);
      await page.getByRole('combobox', { name: 'Variation' }).selectOption('on');
      await page.getByRole('button', { name: 'Show preview' }).click();
      await expect(page.getByTestId('preview').locator(`[data-fw-widget="${name}"]`).getByRole('heading').first()).toBeVisible();
    });
  }
});
