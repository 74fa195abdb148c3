import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, openConsole, signInToConsole, signInToShell, test } from './fixtures.ts';

// A 48×32 PNG, as a customer's screenshot would arrive.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAASUlEQVRYhe2WwQkAQAzCupfbOXTeN0aPEugAIho7KV/drCuIgtChmqHYMtbxE8GIDtUMxZaxDqH4oKFDNUOxZcghBGOdjhwe1wc6GjKXek4DewAAAABJRU5ErkJggg==',
  'base64',
);

/** What the tenant's server would hand a customer's browser: a signed token for the demo tenant. */
async function customerHeaders(request: APIRequestContext, customer: string) {
  const { token } = (await (await request.post('/demo/token', { data: { customer } })).json()) as { token: string };
  return { 'x-flywheel-key': 'pk_test_demo', authorization: `Bearer ${token}` };
}

const showcase = (page: Page) => page.locator('[data-fw-widget="ugc-showcase"]');

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test.describe('UGC showcase', () => {
  test('a customer’s tutorial with an image goes through moderation to the gallery and its public page; likes count once; a rejected one comes back with its reason and is sent again', async ({
    page,
    browser,
  }) => {
    // Five pages (author, moderator, visitor, a second customer) through two review rounds.
    test.slow();
    const title = `Automating invoices ${Date.now()}`;
    await signInToShell(page, 'Alice Chen', '/#/community');
    const widget = showcase(page);
    await widget.getByRole('tab', { name: 'Share yours' }).click();
    await widget.getByLabel('Tutorial').check();
    await widget.getByLabel('Title').fill(title);
    await widget.getByLabel(/^Summary/).fill('How our finance team stopped typing invoices by hand.');
    await widget.getByLabel(/^Your story/).fill('First we **exported** the ledger.\n\n');
    await widget.getByLabel(/^Images/).setInputFiles({ name: 'ledger.png', mimeType: 'image/png', buffer: PNG });
    await expect(widget.getByRole('img', { name: 'ledger.png' })).toBeVisible();
    await widget.getByRole('button', { name: 'Place in text' }).click();
    await widget.getByRole('button', { name: 'Preview' }).click();
    await expect(widget.getByRole('region', { name: 'Preview' }).getByText('exported')).toBeVisible();
    await widget.getByLabel('I agree that this may be published in the showcase.').check();
    await widget.getByRole('button', { name: 'Send for review' }).click();
    await expect(widget.getByText('Sent. A moderator will look at it soon.')).toBeVisible();
    await expectAccessible(page);

    // The moderator sees it with its flags, approves the image apart from the text, then the text.
    const consolePage = await (await browser.newContext()).newPage();
    await openConsole(consolePage, 'moderator@flywheel.test', '#/ugc');
    const queued = consolePage.getByRole('article', { name: title });
    await expect(queued.getByText('Images not reviewed yet')).toBeVisible();
    await expect(queued.getByText('Brand-new account')).toBeVisible();
    await expect(queued.getByText('exported')).toBeVisible();
    await expectAccessible(consolePage);
    await queued.getByRole('button', { name: 'Approve image' }).click();
    await expect(queued.getByText('Images not reviewed yet')).toHaveCount(0);
    await queued.getByRole('button', { name: 'Approve and publish' }).click();
    await expect(queued).toHaveCount(0);
    await consolePage.getByRole('link', { name: 'Published' }).click();
    const published = consolePage.getByRole('article', { name: title });
    const publicPath = (await published.getByRole('link', { name: 'Public page' }).getAttribute('href')) as string;

    // An anonymous visitor reads it on its public page, image and all, and finds it in the gallery.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${publicPath}?lang=en`);
    await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByRole('img', { name: 'ledger.png' })).toBeVisible();
    await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute('content', title);
    await expectAccessible(visitor);
    await visitor.getByRole('link', { name: /All stories/ }).click();
    await expect(visitor.getByRole('link', { name: title })).toBeVisible();

    // Bob likes it in the widget; a second like counts nothing, and Alice cannot like her own.
    const bob = await (await browser.newContext()).newPage();
    await signInToShell(bob, 'Bob Martin', '/#/community');
    const bobs = showcase(bob);
    await bobs.getByRole('searchbox', { name: 'Search the showcase' }).fill('invoices');
    await bobs.getByRole('button', { name: title }).click();
    await bobs.getByRole('button', { name: /^Like/ }).click();
    await expect(bobs.getByRole('button', { name: /^Like 1$/, pressed: true })).toBeVisible();
    await expectAccessible(bob);
    const id = publicPath.split('/').at(-1) as string;
    const again = await bob.request.post('/trpc/ugc.like', {
      headers: await customerHeaders(bob.request, 'bob'),
      data: { id, liked: true },
    });
    expect(((await again.json()) as { result: { data: { likes: number } } }).result.data.likes).toBe(1);
    const own = await page.request.post('/trpc/ugc.like', {
      headers: await customerHeaders(page.request, 'alice'),
      data: { id, liked: true },
    });
    expect(own.status()).toBe(403);

    // A second story is sent back with a reason Alice reads, edits and sends again.
    await widget.getByRole('tab', { name: 'Share yours' }).click();
    await widget.getByLabel('Title').fill(`${title}: the customer list`);
    await widget.getByLabel(/^Summary/).fill('Every customer we moved, by name.');
    await widget.getByLabel(/^Your story/).fill('Our customers were Ada Lovelace and Grace Hopper.');
    await widget.getByLabel('I agree that this may be published in the showcase.').check();
    await widget.getByRole('button', { name: 'Send for review' }).click();
    await expect(widget.getByText('Sent. A moderator will look at it soon.')).toBeVisible();
    await consolePage.getByRole('link', { name: 'Queue' }).click();
    const second = consolePage.getByRole('article', { name: `${title}: the customer list` });
    await second.getByLabel('Reason the author will see').selectOption('personal_data');
    await second.getByLabel('Note for the author (optional)').fill('Please leave out the names.');
    await second.getByRole('button', { name: 'Send back' }).click();
    await expect(second).toHaveCount(0);

    await widget.getByRole('tab', { name: 'Your submissions' }).click();
    const mine = widget.getByRole('listitem').filter({ hasText: `${title}: the customer list` });
    await expect(mine.getByText('Sent back', { exact: true })).toBeVisible();
    await expect(mine.getByText(/it shows personal data/)).toBeVisible();
    await expect(mine.getByText('The moderator’s note: Please leave out the names.')).toBeVisible();
    await mine.getByRole('button', { name: 'Edit' }).click();
    await widget.getByLabel(/^Your story/).fill('We moved two finance teams in a week.');
    await widget.getByRole('button', { name: 'Send for review' }).click();
    await expect(widget.getByText('Sent. A moderator will look at it soon.')).toBeVisible();
    await expect(
      widget
        .getByRole('listitem')
        .filter({ hasText: `${title}: the customer list` })
        .getByText('Waiting for review'),
    ).toBeVisible();
    await consolePage.reload();
    await expect(consolePage.getByRole('article', { name: `${title}: the customer list` })).toBeVisible();
  });

  test('nothing a customer writes runs: classic payloads in the body, title, tags and image name, approved, then shown in the widget, on the public page and in the console', async ({
    page,
    browser,
  }) => {
    const payloads = [
      '<script>window.__xss("script")</script>',
      '<img src=x onerror="window.__xss(\'onerror\')">',
      '<svg onload="window.__xss(\'svg\')"><script>window.__xss("svg script")</script></svg>',
      '[click me](javascript:window.__xss("javascript"))',
      '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3MoKTwvc2NyaXB0Pg==)',
      '![pixel](data:image/svg+xml,<svg onload=window.__xss("data svg")>)',
      '<a href="jav&#x09;ascript:window.__xss(\'entity\')">tab</a>',
      '<<script>script>window.__xss("broken")<</script>/script>',
      '<iframe srcdoc="<script>parent.__xss(\'iframe\')</script>"></iframe>',
      '<details open ontoggle="window.__xss(\'toggle\')">x</details>',
      '"><img src=x onerror=window.__xss("attr")>',
    ];
    const headers = await customerHeaders(page.request, 'carol');
    const name = '"><img src=x onerror=window.__xss("name")>.png';
    const uploaded = await page.request.post(`/api/ugc/images?name=${encodeURIComponent(name)}`, {
      headers: { ...headers, 'content-type': 'image/png' },
      data: PNG,
    });
    expect(uploaded.status()).toBe(201);
    const image = (await uploaded.json()) as { id: string };
    const title = `<img src=x onerror=window.__xss("title")> XSS ${Date.now()}`;
    const submitted = await page.request.post('/trpc/ugc.submit', {
      headers,
      data: {
        kind: 'work',
        title,
        summary: '<script>window.__xss("summary")</script>',
        body: `${payloads.join('\n\n')}\n\n![${name}](image:${image.id})`,
        tags: ['<script>__xss("tag")</script>', '"><svg onload=__xss("tag2")>'],
        imageIds: [image.id],
        consent: { publish: true, licence: 'cc_by_4' },
      },
    });
    expect(submitted.status(), await submitted.text()).toBe(200);
    const { id } = ((await submitted.json()) as { result: { data: { id: string } } }).result.data;
    const moderator = await signInToConsole('moderator@flywheel.test');
    await moderator.mutate('console.ugc.reviewImage', { imageId: image.id, decision: 'approve' });
    await moderator.mutate('console.ugc.review', { id, decision: 'approve' });
    await moderator.dispose();

    // The hook every payload would call: it must never be called, on any surface.
    const watch = async (target: Page) => {
      await target.addInitScript(() => {
        (window as { __xss?: (from: string) => void }).__xss = (from) => {
          (window as { __xssCalls?: string[] }).__xssCalls = [...((window as { __xssCalls?: string[] }).__xssCalls ?? []), from];
        };
      });
    };
    const calls = (target: Page) => target.evaluate(() => (window as { __xssCalls?: string[] }).__xssCalls ?? []);

    await watch(page);
    await signInToShell(page, 'Carol Smith', '/#/community');
    const widget = showcase(page);
    await widget.getByRole('button', { name: title }).click();
    await expect(widget.getByRole('heading', { name: title })).toBeVisible();
    await expect(widget.getByText('click me')).toBeVisible();
    await expect(widget.locator('a[href^="javascript" i], a[href^="data" i], [onerror], [onload], script, iframe')).toHaveCount(0);
    await expect(widget.getByRole('img', { name })).toBeVisible();
    expect(await calls(page)).toEqual([]);

    const visitor = await (await browser.newContext()).newPage();
    await watch(visitor);
    await visitor.goto(`/s/${id}?lang=en`);
    await expect(visitor.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(visitor.getByRole('img', { name })).toBeVisible();
    expect(await calls(visitor)).toEqual([]);

    const consolePage = await (await browser.newContext()).newPage();
    await watch(consolePage);
    await openConsole(consolePage, 'moderator@flywheel.test', '#/ugc/published');
    await expect(consolePage.getByRole('heading', { name: title })).toBeVisible();
    await expect(consolePage.getByText('#<script>__xss("tag")</script>', { exact: false })).toBeVisible();
    expect(await calls(consolePage)).toEqual([]);
  });
});
