import { dbCommand, dbHelp } from './commands/db.ts';
import { eventsCommand, eventsHelp } from './commands/events.ts';
import { experimentsCommand, experimentsHelp } from './commands/experiments.ts';
import { insightsCommand, insightsHelp } from './commands/insights.ts';
import { tenantCommand, tenantHelp } from './commands/tenant.ts';
import { tokenCommand, tokenHelp } from './commands/token.ts';
import { widgetCommand, widgetHelp } from './commands/widget.ts';
import { workerCommand, workerHelp } from './commands/worker.ts';
import { UsageError } from './usage-error.ts';

type Command = { help: string; run: (argv: string[], env: Record<string, string | undefined>) => Promise<string> };

const commands: Record<string, Command> = {
  token: { help: tokenHelp, run: tokenCommand },
  tenant: { help: tenantHelp, run: tenantCommand },
  db: { help: dbHelp, run: dbCommand },
  widget: { help: widgetHelp, run: widgetCommand },
  experiments: { help: experimentsHelp, run: experimentsCommand },
  worker: { help: workerHelp, run: workerCommand },
  events: { help: eventsHelp, run: eventsCommand },
  insights: { help: insightsHelp, run: insightsCommand },
};

export const help = `Usage: pnpm flywheel <command> [options]

${Object.values(commands)
  .map((c) => c.help)
  .join('\n\n')}`;

export type Outcome = { code: number; stdout: string; stderr: string };

/** Runs one command line; returns what to print instead of printing, so tests can read it. */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<Outcome> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return { code: 0, stdout: help, stderr: '' };
  const command = commands[name];
  if (!command) return { code: 2, stdout: '', stderr: `Unknown command "${name}".\n\n${help}` };
  if (rest.includes('--help') || rest.includes('-h')) return { code: 0, stdout: command.help, stderr: '' };
  try {
    return { code: 0, stdout: await command.run(rest, env), stderr: '' };
  } catch (error) {
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const isUsage = error instanceof UsageError || String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (isUsage) return { code: 2, stdout: '', stderr: `${(error as Error).message}\n\n${command.help}` };
    return { code: 1, stdout: '', stderr: (error as Error).message };
  }
}
