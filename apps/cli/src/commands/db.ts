import { seedDemo } from '@flywheel/db';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const dbHelp = `flywheel db migrate    apply pending migrations (the BFF also does this at start)
flywheel db seed       create the demo tenant, customers and console accounts (never in production)`;

export async function dbCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub] = argv;
  if (sub !== 'migrate' && sub !== 'seed') throw new UsageError(`db: unknown subcommand "${sub ?? ''}"`);
  const { database, secretsKey } = await openDatabase(env);
  try {
    // Opening the database runs the migrations.
    if (sub === 'migrate') return `Migrations applied (${database.driver}).`;
    await seedDemo(database.db, secretsKey, env.NODE_ENV);
    return `Demo data seeded (${database.driver}).`;
  } finally {
    await database.close();
  }
}
