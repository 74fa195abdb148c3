import AxeBuilder from '@axe-core/playwright';
import { expect, friendSignsUpAndSubscribes, openConsole, signInToConsole, signInToShell, test } from './fixtures.ts';

type Program = Record<string, unknown> & { holdHours: number };

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
      const bob = await (await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })).newPage();
      // Bob keeps his referral center open: it updates live (GET /api/live), never reloaded. (Alice is
      // the achievement wall journey's referrer: each journey has its own.)
      const liveStream = bob.waitForResponse((res) => new URL(res.url()).pathname === '/api/live' && res.status() === 200);
      await signInToShell(bob, 'Bob Martin', '/#/referrals');
      await liveStream;
      await bob.getByRole('button', { name: 'Copy link' }).click();
      await expect(bob.getByText('Link copied')).toBeVisible();
      const link = await bob.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(/^http:\/\/localhost:3000\/r\/[2-9A-HJ-KM-NP-Z]{8}\?via=copy$/);

      const today = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
      const copySignUps = async () =>
        (await marketer.query<{ signUps: number }>('console.referrals.kFactor', { ...today, channel: 'copy' })).signUps;
      const copiedBefore = await copySignUps();
      const { page: bea } = await friendSignsUpAndSubscribes(browser, link, 'Bea Friend', 'bea.friend@example.net');
      // Her sign-up came through a ?via=copy link: the copy channel's K-factor counts it.
      expect(await copySignUps()).toBe(copiedBefore + 1);

      const bobWidget = bob.locator('[data-fw-widget="referral-center"]');
      // In his list of invited friends (the reward table names her too, once her reward is in).
      await expect(bobWidget.getByRole('list', { name: 'Invited friends' }).getByText('Bea', { exact: true })).toBeVisible();
      await expect(bobWidget.getByText('Reward approved')).toBeVisible();
      await expect(bobWidget.getByTestId('rewards-earned')).toHaveText('$20.00');
      // Bob's reward table names the friend, the amount and where it stands.
      await expect(bobWidget.getByRole('row', { name: /Bea \$20\.00 Approved/ })).toBeVisible();

      // Bea's dashboard, open since she subscribed, explains her welcome reward without a reload.
      const beaWidget = bea.locator('[data-fw-widget="referral-center"]');
      await expect(beaWidget.getByRole('row', { name: /Bob invited you \$20\.00 Approved/ })).toBeVisible();
      await expect(beaWidget.getByTestId('rewards-earned')).toHaveText('$20.00');
      // The hold note is about rewards for friends one invites: Bea invited nobody yet.
      await expect(beaWidget.getByText(/Rewards for friends you invite/)).toHaveCount(0);

      // Bob tries his own link under another account with his own email address.
      await friendSignsUpAndSubscribes(browser, link, 'Bob Again', 'bob@example.com');
      await expect(bobWidget.getByText('Held for review')).toBeVisible();
      // A moderator finds it in the queue with both people and the signal in their language, and approves it.
      const moderator = await browser.newPage();
      await openConsole(moderator, 'moderator@flywheel.test', '#/referrals/review');
      await moderator.getByLabel('Search by name, email, customer id or code').fill('Bob Again');
      const row = moderator.getByRole('row', { name: /Bob Again/ });
      await expect(row).toContainText('Bob Martin');
      await expect(row).toContainText('Same email address as the referrer (ignoring dots and plus tags)');
      await moderator.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
      await expect(row).toContainText('与推荐人邮箱相同（忽略点号和加号标签）');
      await row.getByRole('checkbox', { name: '选择 Bob Again 的推荐' }).check();
      await moderator.getByLabel('你的决定理由').fill('同一个人的第二个工作账号');
      await moderator.getByRole('button', { name: '批准' }).click();
      await expect(row).toHaveCount(0);
      await moderator.getByRole('link', { name: '已决定' }).click();
      await moderator.getByLabel('按姓名、邮箱、客户 ID 或推荐码搜索').fill('Bob Again');
      await expect(moderator.getByRole('row', { name: /Bob Again/ })).toContainText('moderator@flywheel.test');
      await expect(bobWidget.getByText('Held for review')).toHaveCount(0);
    } finally {
      await marketer.mutate('console.referrals.updateProgram', { ...editable, holdHours: program.holdHours });
      await marketer.dispose();
    }
  });
});

test.describe('the program, set in the console', () => {
  test('a marketer changes the friend’s reward; a Chinese browser’s landing page shows it; a friend who subscribes sees it held, the referrer its approval date', async ({
    page,
    browser,
  }) => {
    const api = await signInToConsole('marketer@flywheel.test');
    const { tenantId: _tenant, updatedAt: _updated, ...original } = await api.query<Program>('console.referrals.program');
    try {
      await openConsole(page, 'marketer@flywheel.test', '#/referrals/program');
      const friendGets = page.getByRole('group', { name: 'The friend gets' });
      await friendGets.getByLabel('Kind').selectOption('points');
      await friendGets.getByLabel('How many points').fill('300');
      await page.getByRole('button', { name: 'Save program' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Changes' }).getByRole('listitem').first()).toContainText(
        'marketer@flywheel.test changed the friend’s reward',
      );
      const accessibility = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(accessibility.violations).toEqual([]);

      // Erin's link, opened by a friend whose browser speaks Chinese.
      const erin = await browser.newPage();
      await signInToShell(erin, 'Erin Okafor', '/#/referrals');
      const code = (await erin.getByText(/^Your code: /).textContent())?.replace('Your code: ', '').trim();
      const friend = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
      await friend.goto(`http://localhost:3000/r/${code}?via=wechat`);
      await expect(friend.getByRole('heading', { name: 'Erin 邀请你加入 Acme 数据分析' })).toBeVisible();
      await expect(friend.getByText(/^订阅后你将获得300\s积分。$/)).toBeVisible();
      // The landing page is the friend's: no other customer is listed on it.
      await expect(friend.getByRole('button', { name: /以此身份继续/ })).toHaveCount(0);

      // Another friend takes Erin's link to the end: her open widget explains the new reward, held 72 hours,
      // and Erin's table names him with the amount and the day it is approved.
      const { page: fern } = await friendSignsUpAndSubscribes(
        browser,
        `http://localhost:3000/r/${code}?via=copy`,
        'Fern Friend',
        'fern@example.net',
      );
      const approvesOn = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(Date.now() + 72 * 3_600_000));
      await expect(
        fern
          .locator('[data-fw-widget="referral-center"]')
          .getByRole('row', { name: new RegExp(`Erin invited you 300\\spoints Pending until ${approvesOn}`) }),
      ).toBeVisible();
      await expect(
        erin.locator('[data-fw-widget="referral-center"]').getByRole('row', { name: /^.+ Fern \$20\.00 Pending until / }),
      ).toContainText(approvesOn);
    } finally {
      await api.mutate('console.referrals.updateProgram', original);
      await api.dispose();
    }
  });
});

test.describe('a custom reward', () => {
  test('the tenant’s webhook fulfils the friend’s reward: it reaches paid, and the friend sees it paid', async ({ browser }) => {
    const hooks = 'http://localhost:3100/flywheel-webhooks/rewards';
    const owner = await signInToConsole('owner@flywheel.test');
    const created = await owner.call('console.webhooks.create', { url: hooks, eventTypes: ['reward_approved'] });
    expect(created.status()).toBe(200);
    const endpointId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
    const { tenantId: _tenant, updatedAt: _updated, ...original } = await owner.query<Program>('console.referrals.program');
    try {
      const custom = { type: 'webhook', url: hooks, label: 'A month of Pro' };
      await owner.mutate('console.referrals.updateProgram', { ...original, holdHours: 0, friendReward: custom });
      const erin = await browser.newPage();
      await signInToShell(erin, 'Erin Okafor', '/#/referrals');
      const code = (await erin.getByText(/^Your code: /).textContent())?.replace('Your code: ', '').trim();
      const { page: friend } = await friendSignsUpAndSubscribes(
        browser,
        `http://localhost:3000/r/${code}?via=copy`,
        'Fay Custom',
        'fay.custom@example.net',
      );
      // Approved after the (zero) hold, sent to the tenant's endpoint, and its 2xx marks it paid: live, on her dashboard.
      await expect(
        friend.locator('[data-fw-widget="referral-center"]').getByRole('row', { name: /Erin invited you A month of Pro Paid/ }),
      ).toBeVisible({
        timeout: 30_000,
      });
    } finally {
      await owner.mutate('console.referrals.updateProgram', original);
      await owner.mutate('console.webhooks.remove', { id: endpointId });
      await owner.dispose();
    }
  });
});

test.describe('sharing on a phone', () => {
  for (const locale of ['en', 'zh-CN'] as const) {
    test(`at 375 px the code stays visible, copying says so on the button, and axe finds nothing (${locale})`, async ({ browser }) => {
      const context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale, permissions: ['clipboard-write'] });
      const page = await context.newPage();
      await signInToShell(page, 'Carol Smith', `/?locale=${locale}#/referrals`);
      const widget = page.locator('[data-fw-widget="referral-center"]');
      const code = widget.getByText(locale === 'en' ? /^Your code: / : /^你的邀请码/);
      await expect(code).toBeInViewport();
      const box = await code.boundingBox();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
      await widget.getByRole('button', { name: locale === 'en' ? 'Copy link' : '复制链接' }).click();
      await expect(widget.getByRole('button', { name: locale === 'en' ? 'Copied ✓' : '已复制 ✓' })).toBeVisible();
      // Mainland China's channels in Chinese; X, LinkedIn and WhatsApp elsewhere.
      await expect(widget.getByRole('link', { name: locale === 'en' ? /^LinkedIn/ : /^微博/ })).toBeVisible();
      const accessibility = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      expect(accessibility.violations).toEqual([]);
      await context.close();
    });
  }
});
