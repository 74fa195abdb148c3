/** How a benchmark's verdict line starts, so `pnpm bench` (all.ts) can find it among the rest of the output. */
export const VERDICT_PREFIX = 'verdict: ';

export type Verdict = { figure: string; measured: string; budget: string; met: boolean };

/**
 * One figure against its budget: printed for `pnpm bench` to gather into its table, and a missed
 * budget fails the script, so each benchmark run on its own says the same as the table.
 */
export function verdict(figure: string, measured: string, budget: string, met: boolean): void {
  console.log(`${VERDICT_PREFIX}${JSON.stringify({ figure, measured, budget, met } satisfies Verdict)}`);
  if (!met) process.exitCode = 1;
}
