import { randomUUID } from 'node:crypto';
import { expect, test } from './fixtures.ts';

test.describe('success plan', () => {
  test('a new customer gets the plan their subscription fits; a milestone completes live from the server’s events; they tick a task, answer NPS once, and download their value report in Chinese', async ({
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

    // Active now, they are asked for NPS (the demo asks after one active day), answer once...
    const question = widget.getByRole('group', { name: 'How likely are you to recommend Acme to a friend or colleague?' });
    await question.getByText('9', { exact: true }).click();
    await widget.getByLabel('What is the main reason for your score? (optional)').fill('The reports save me time.');
    await widget.getByRole('button', { name: 'Send' }).click();
    await expect(widget.getByText('Thank you! Your answer helps us make Acme better.')).toBeVisible();

    // ...and on the next visit the task is still ticked and nobody asks again.
    const asked = page.waitForResponse((res) => new URL(res.url()).pathname.includes('successPlan.npsDue'));
    await page.reload();
    await asked;
    const again = page.locator('[data-fw-widget="success-plan"]');
    await expect(again.getByRole('checkbox', { name: 'Watch the 5-minute product tour' })).toBeChecked();
    await expect(again.getByRole('group', { name: 'How likely are you to recommend Acme to a friend or colleague?' })).toHaveCount(0);

    // The quarter so far, on demand; then in Chinese, the PDF downloads with its Chinese font.
    await again.getByRole('button', { name: 'See what you achieved this quarter' }).click();
    await expect(again.getByRole('row', { name: /Milestones reached/ })).toContainText('1');
    await page.getByLabel('Language').selectOption('zh-CN');
    const pdfLink = page.locator('[data-fw-widget="success-plan"]').getByRole('link', { name: '下载 PDF' });
    const download = page.waitForEvent('download');
    await pdfLink.click();
    const file = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    const pdf = Buffer.concat(chunks).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DroidSansFallback/);
  });
});
