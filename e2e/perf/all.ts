import { spawn } from 'node:child_process';
import { VERDICT_PREFIX, type Verdict } from './verdict.ts';

/**
 * `pnpm bench`: every benchmark in turn (each against the baseline it measures in the same run),
 * then one table of figures and budgets; exits non-zero when a budget is missed or a benchmark
 * fails. The ones that measure races and load on Postgres run when DATABASE_URL is set and are
 * listed as skipped otherwise (the mixed load alone runs 10 minutes).
 */
const BENCHMARKS: { script: string; needsPostgres?: boolean }[] = [
  { script: 'size.ts' },
  { script: 'first-widget.ts' },
  { script: 'http-path.ts' },
  { script: 'ingest.ts' },
  { script: 'aggregation.ts' },
  { script: 'insights.ts' },
  { script: 'sign-in.ts', needsPostgres: true },
  { script: 'mixed-load.ts', needsPostgres: true },
];

type Row = Verdict & { script: string };

function run(script: string): Promise<{ code: number; verdicts: Verdict[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const verdicts: Verdict[] = [];
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith(VERDICT_PREFIX)) verdicts.push(JSON.parse(line.slice(VERDICT_PREFIX.length)));
    });
    child.on('close', (code) => resolve({ code: code ?? 1, verdicts }));
  });
}

const rows: Row[] = [];
const failed: string[] = [];
const skipped: string[] = [];
for (const { script, needsPostgres } of BENCHMARKS) {
  if (needsPostgres && !process.env.DATABASE_URL) {
    skipped.push(script);
    continue;
  }
  console.log(`\n== ${script}`);
  const { code, verdicts } = await run(script);
  rows.push(...verdicts.map((v) => ({ ...v, script })));
  // A script that failed without a missed budget broke (a crash, a failed request).
  if (code !== 0 && verdicts.every((v) => v.met)) failed.push(script);
}

const columns = [
  (r: Row) => r.figure,
  (r: Row) => r.measured,
  (r: Row) => r.budget,
  (r: Row) => (r.met ? 'met' : 'MISSED'),
  (r: Row) => r.script,
];
const header = ['figure', 'measured', 'budget', 'verdict', 'benchmark'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => columns[i]?.(r).length ?? 0)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of rows) console.log(line(columns.map((column) => column(row))));
for (const script of skipped) console.log(`skipped ${script}: it measures on Postgres, set DATABASE_URL`);
for (const script of failed) console.log(`FAILED ${script}: it stopped before its verdict, see its output above`);
const missed = rows.filter((r) => !r.met).length;
console.log(`${rows.length - missed} of ${rows.length} budgets met${failed.length ? `, ${failed.length} benchmarks failed` : ''}`);
process.exitCode = missed > 0 || failed.length > 0 ? 1 : 0;
