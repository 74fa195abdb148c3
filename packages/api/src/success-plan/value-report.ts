import { existsSync } from 'node:fs';
import { inLocale, type Locale } from '@flywheel/contracts/widget';
import { type Db, schema, type Tx, type ValueFigure, type ValueFigureSpec } from '@flywheel/db';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { awardsEarned } from '../achievements/index.ts';
import { countEvents, customerActivity } from '../analytics/index.ts';
import { customersByIds } from '../customers/index.ts';
import type { Emit } from '../platform/index.ts';

export const DEFAULT_VALUE_FIGURES: ValueFigureSpec[] = [
  {
    event: 'report_created',
    label: { en: 'Reports created', 'zh-CN': '创建的报表' },
    valuePerEvent: 15,
    unit: { en: 'minutes saved', 'zh-CN': '分钟节省' },
  },
  { event: 'dashboard_shared', label: { en: 'Dashboards shared', 'zh-CN': '分享的看板' } },
];

/** A calendar quarter (UTC): `2026-Q4` from 1 October to 1 January. */
export function quarterOf(date: Date) {
  const year = date.getUTCFullYear();
  const q = Math.floor(date.getUTCMonth() / 3);
  const from = new Date(Date.UTC(year, q * 3, 1));
  const to = new Date(Date.UTC(year, q * 3 + 3, 1));
  return { key: `${year}-Q${q + 1}`, from, to };
}
const previousQuarter = (quarter: { from: Date }) => quarterOf(new Date(quarter.from.getTime() - 1));

async function figuresIn(
  db: Db,
  tenantId: string,
  customer: { id: string; externalId: string },
  range: { from: Date; to: Date },
  specs: ValueFigureSpec[],
) {
  const [milestones] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.planCompletions)
    .innerJoin(schema.successPlans, eq(schema.successPlans.id, schema.planCompletions.planId))
    .where(
      and(
        eq(schema.successPlans.tenantId, tenantId),
        eq(schema.successPlans.customerId, customer.id),
        eq(schema.planCompletions.kind, 'milestone'),
        gte(schema.planCompletions.completedAt, range.from),
        lt(schema.planCompletions.completedAt, range.to),
      ),
    );
  const activity = await customerActivity(db, tenantId, customer.externalId, { ...range, timeZone: 'UTC' });
  const friends = await countEvents(db, tenantId, { event: 'referral_qualified', ...range, properties: { referrer_id: customer.id } });
  return {
    milestones: milestones?.n ?? 0,
    badges: await awardsEarned(db, tenantId, customer.id, range.from, range.to),
    friends: friends.events,
    usage: specs.map((spec) => {
      const count = activity.counts[spec.event] ?? 0;
      return { spec, count, value: spec.valuePerEvent ? count * spec.valuePerEvent : null };
    }),
  };
}

/**
 * The customer's report for the quarter `at` falls in: what they achieved (milestones, the
 * tenant's usage figures and what they were worth, badges, friends referred), each against the
 * quarter before. Stored once per customer and quarter (made again on demand until the quarter ends).
 */
export async function buildValueReport(db: Db, input: { tenantId: string; customerId: string; at: Date; final: boolean }) {
  const [customer] = await customersByIds(db, input.tenantId, [input.customerId]);
  if (!customer) return null;
  const [settings] = await db
    .select({ figures: schema.healthSettings.valueFigures })
    .from(schema.healthSettings)
    .where(eq(schema.healthSettings.tenantId, input.tenantId));
  const specs = settings?.figures ?? DEFAULT_VALUE_FIGURES;
  const quarter = quarterOf(input.at);
  const to = input.final ? quarter.to : new Date(Math.min(input.at.getTime() + 1, quarter.to.getTime()));
  const current = await figuresIn(db, input.tenantId, customer, { from: quarter.from, to }, specs);
  const before = previousQuarter(quarter);
  const previous = await figuresIn(db, input.tenantId, customer, before, specs);
  const figures: ValueFigure[] = [
    {
      key: 'milestones',
      label: { en: 'Milestones reached', 'zh-CN': '完成的里程碑' },
      current: current.milestones,
      previous: previous.milestones,
    },
    ...current.usage.flatMap((u, i) => {
      const was = previous.usage[i];
      const rows: ValueFigure[] = [{ key: `usage:${u.spec.event}`, label: u.spec.label, current: u.count, previous: was?.count ?? 0 }];
      if (u.value !== null && u.spec.unit)
        rows.push({ key: `value:${u.spec.event}`, label: u.spec.unit, current: u.value, previous: was?.value ?? 0 });
      return rows;
    }),
    { key: 'badges', label: { en: 'Badges earned', 'zh-CN': '获得的徽章' }, current: current.badges, previous: previous.badges },
    { key: 'friends', label: { en: 'Friends referred', 'zh-CN': '推荐的好友' }, current: current.friends, previous: previous.friends },
  ];
  const [row] = await db
    .insert(schema.valueReports)
    .values({ tenantId: input.tenantId, customerId: customer.id, quarter: quarter.key, figures, final: input.final })
    .onConflictDoUpdate({
      target: [schema.valueReports.tenantId, schema.valueReports.customerId, schema.valueReports.quarter],
      set: { figures, final: input.final, updatedAt: sql`now()` },
      // A quarter-end report is the record: an on-demand view never overwrites it.
      setWhere: eq(schema.valueReports.final, false),
    })
    .returning();
  return row ?? (await reportFor(db, input.tenantId, customer.id, quarter.key));
}

async function reportFor(db: Db | Tx, tenantId: string, customerId: string, quarter: string) {
  const [row] = await db
    .select()
    .from(schema.valueReports)
    .where(
      and(
        eq(schema.valueReports.tenantId, tenantId),
        eq(schema.valueReports.customerId, customerId),
        eq(schema.valueReports.quarter, quarter),
      ),
    );
  return row ?? null;
}

/** The customer's most recent report. */
export async function latestValueReport(db: Db, tenantId: string, customerId: string) {
  const [row] = await db
    .select()
    .from(schema.valueReports)
    .where(and(eq(schema.valueReports.tenantId, tenantId), eq(schema.valueReports.customerId, customerId)))
    .orderBy(desc(schema.valueReports.quarter))
    .limit(1);
  return row ?? null;
}

/** Records that a quarter-end report is ready (the tenant's webhooks can email it). */
export async function announceReport(
  ctx: { tx: Tx; emit: Emit },
  report: { id: string; tenantId: string; quarter: string },
  userId: string,
) {
  await ctx.emit(ctx.tx, {
    tenantId: report.tenantId,
    messageId: `value-report:${report.id}:ready`,
    event: 'value_report_ready',
    userId,
    properties: { report_id: report.id, quarter: report.quarter },
  });
}

/** A report by its (unguessable) id, with the customer's name and the tenant's: for its page and PDF. */
export async function valueReportById(db: Db, id: string) {
  const [row] = await db
    .select({ report: schema.valueReports, name: schema.customers.name, tenant: schema.tenants.name })
    .from(schema.valueReports)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.valueReports.customerId))
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.valueReports.tenantId))
    .where(eq(schema.valueReports.id, id));
  return row ?? null;
}

const TEXT = {
  en: {
    title: 'What you achieved',
    quarter: 'Quarter',
    figure: 'Figure',
    now: 'This quarter',
    before: 'Quarter before',
    change: 'Change',
    by: (tenant: string) => `From ${tenant}`,
  },
  'zh-CN': {
    title: '你的成果',
    quarter: '季度',
    figure: '指标',
    now: '本季度',
    before: '上季度',
    change: '变化',
    by: (tenant: string) => `来自 ${tenant}`,
  },
} as const;
export const reportText = (locale: Locale) => TEXT[locale];
export const figureLabel = (figure: Pick<ValueFigure, 'label'>, locale: Locale) => inLocale(figure.label, locale);

/** Fonts with Chinese glyphs, looked for where Debian and common images put them (CJK_FONT overrides). */
const CJK_FONTS = [
  process.env.CJK_FONT,
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
].filter((path): path is string => Boolean(path));

export class MissingCjkFont extends Error {
  override name = 'MissingCjkFont';
}

/**
 * The report as a PDF (pdfkit). English uses the PDF's built-in Helvetica; Simplified Chinese
 * needs a font with its glyphs, embedded (subset) from the system: without one it throws
 * MissingCjkFont rather than print empty boxes.
 */
export function valueReportPdf(
  report: { quarter: string; figures: ValueFigure[]; name: string | null; tenant: string },
  locale: Locale,
): Promise<Buffer> {
  const t = TEXT[locale];
  const font = locale === 'zh-CN' ? CJK_FONTS.find((path) => existsSync(path)) : undefined;
  if (locale === 'zh-CN' && !font) throw new MissingCjkFont('no font with Chinese glyphs: install fonts-droid-fallback, or set CJK_FONT');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `${t.title} · ${report.quarter}`, Author: report.tenant },
    lang: locale,
  });
  if (font) doc.registerFont('body', font);
  doc.font(font ? 'body' : 'Helvetica');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(22).text(t.title);
  doc
    .moveDown(0.3)
    .fontSize(12)
    .fillColor('#57606a')
    .text(`${report.name ?? ''} · ${t.quarter} ${report.quarter} · ${t.by(report.tenant)}`);
  doc.moveDown(1.2).fillColor('#1f2328');
  const columns = [56, 300, 390, 480];
  const row = (cells: string[], size: number) => {
    const y = doc.y;
    cells.forEach((cell, i) => {
      doc.fontSize(size).text(cell, columns[i], y, { width: (columns[i + 1] ?? 540) - (columns[i] ?? 0) - 8 });
    });
    doc.moveDown(0.6);
  };
  row([t.figure, t.now, t.before, t.change], 11);
  const number = new Intl.NumberFormat(locale);
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' });
  for (const figure of report.figures) {
    row(
      [
        figureLabel(figure, locale),
        number.format(figure.current),
        number.format(figure.previous),
        signed.format(figure.current - figure.previous),
      ],
      12,
    );
  }
  doc.end();
  return done;
}
