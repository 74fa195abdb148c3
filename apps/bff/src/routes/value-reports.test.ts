import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Dan (zh-CN in the demo) starts a plan and makes this quarter's report. */
async function reportOf(sub: string) {
  const headers = { ...widgetHeaders(await t.tokenFor(sub)), 'content-type': 'application/json' };
  await t.app.request('/trpc/successPlan.start', { method: 'POST', headers, body: '{}' });
  const res = await t.app.request('/trpc/successPlan.buildValueReport', { method: 'POST', headers, body: '{}' });
  return ((await readJson(res)) as { result: { data: { id: string; quarter: string } } }).result.data;
}

describe('value reports', () => {
  it('have a plain page, in the visitor’s language', async () => {
    const report = await reportOf('dan');
    const page = await t.app.request(`/v/${report.id}`, { headers: { 'accept-language': 'zh-CN' } });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<html lang="zh-CN">');
    expect(body).toContain('你的成果');
    expect(body).toContain('完成的里程碑');
    expect(body).not.toContain('<script');
    expect(await (await t.app.request(`/v/${report.id}?lang=en`)).text()).toContain('Milestones reached');
  });

  it('download as a PDF, Chinese set in an embedded CJK font', async () => {
    const report = await reportOf('dan');
    const zh = await t.app.request(`/v/${report.id}/report.pdf?lang=zh-CN`);
    expect(zh.headers.get('content-type')).toBe('application/pdf');
    expect(zh.headers.get('content-disposition')).toBe(`attachment; filename="value-report-${report.quarter}.pdf"`);
    const pdf = Buffer.from(await zh.arrayBuffer()).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+DroidSansFallback/);
    const en = Buffer.from(await (await t.app.request(`/v/${report.id}/report.pdf?lang=en`)).arrayBuffer()).toString('latin1');
    expect(en).toContain('/BaseFont /Helvetica');
  });

  it('answer an unknown or malformed id with 404', async () => {
    expect((await t.app.request('/v/not-an-id')).status).toBe(404);
    expect((await t.app.request('/v/00000000-0000-4000-8000-000000000000/report.pdf')).status).toBe(404);
  });
});
