import { type ApiDeps, successPlan } from '@flywheel/api';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { httpError } from '../http-error.ts';
import { notFoundPage, publicPage, visitorLocale } from '../web/public-page.ts';

const reportId = z.uuid();

/**
 * A customer's value report, shareable by its unguessable id: `/v/<id>` is a plain page (no
 * JavaScript), `/v/<id>/report.pdf` the PDF, each in `?lang=` or the visitor's language.
 */
export function valueReportRoutes(api: ApiDeps) {
  const find = async (raw: string) => {
    const id = reportId.safeParse(raw);
    return id.success ? successPlan.valueReportById(api.db, id.data) : null;
  };
  return new Hono()
    .get('/:id/report.pdf', async (c) => {
      const found = await find(c.req.param('id'));
      if (!found) return httpError(c, 404, 'not_found', 'No report with this id.');
      const locale = visitorLocale(c);
      try {
        const pdf = await successPlan.valueReportPdf({ ...found.report, name: found.name, tenant: found.tenant }, locale);
        return c.body(new Uint8Array(pdf), 200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="value-report-${found.report.quarter}.pdf"`,
          'cache-control': 'no-cache',
        });
      } catch (error) {
        if (!(error instanceof successPlan.MissingCjkFont)) throw error;
        return httpError(c, 503, 'font_missing', `This server cannot print Chinese yet: ${error.message}.`);
      }
    })
    .get('/:id', async (c) => {
      const found = await find(c.req.param('id'));
      const locale = visitorLocale(c);
      if (!found) return notFoundPage(c, locale, locale === 'zh-CN' ? '没有这份报告。' : 'No report with this id.');
      const t = successPlan.reportText(locale);
      const number = new Intl.NumberFormat(locale);
      const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
      const { report } = found;
      c.header('cache-control', 'no-cache');
      return publicPage(c, {
        locale,
        title: `${t.title} · ${report.quarter} · ${found.tenant}`,
        meta: html`<meta property="og:title" content="${t.title} · ${report.quarter}">`,
        style: `table { border-collapse: collapse; width: 100%; }
  th, td { text-align: start; padding: 8px; border-bottom: 1px solid #d0d7de; }
  td { font-variant-numeric: tabular-nums; }`,
        main: html`<h1>${t.title}</h1>
  <p>${found.name ?? ''} · ${t.quarter} ${report.quarter} · ${t.by(found.tenant)}</p>
  <table>
    <thead><tr><th scope="col">${t.figure}</th><th scope="col">${t.now}</th><th scope="col">${t.before}</th><th scope="col">${t.change}</th></tr></thead>
    <tbody>
      ${report.figures.map(
        (f) =>
          html`<tr><th scope="row">${successPlan.figureLabel(f, locale)}</th><td>${number.format(f.current)}</td><td>${number.format(f.previous)}</td><td>${signed.format(f.current - f.previous)}</td></tr>`,
      )}
    </tbody>
  </table>
  <p><a href="/v/${report.id}/report.pdf?lang=${locale}" download>PDF</a></p>`,
      });
    });
}
