import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const canPin = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return availableParallelism() >= 2;
  } catch {
    return false;
  }
})();

export type BffProcess = { url: string; pinned: boolean; stop(): Promise<void> };

/**
 * The real BFF (`apps/bff/src/index.ts`, as `pnpm start` runs it, without serving the front ends)
 * in its own process on a free loopback port, on DATABASE_URL or a fresh embedded database. Where
 * the machine has two cores, the server runs on the first and this process (the load generator)
 * moves to the second, so neither takes the other's time.
 */
export async function startBff(env: Record<string, string> = {}): Promise<BffProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const command = [process.execPath, '--import', 'tsx', 'src/index.ts'];
  const child: ChildProcess = spawn(canPin ? 'taskset' : (command[0] as string), canPin ? ['-c', '0', ...command] : command.slice(1), {
    cwd: join(repoRoot, 'apps/bff'),
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      FLYWHEEL_DEV_REMOTES: '1',
      ...(process.env.DATABASE_URL ? {} : { DATA_DIR: mkdtempSync(join(tmpdir(), 'flywheel-bench-')) }),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (canPin) execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  for (const started = Date.now(); ; ) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null) throw new Error(`the BFF exited with ${child.exitCode} before it was ready`);
    if (Date.now() - started > 120_000) throw new Error('the BFF was not ready within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pinned: canPin,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
