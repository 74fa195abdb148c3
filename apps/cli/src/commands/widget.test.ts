import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
// A name no widget in the repository has yet (it may already hold an nps-survey of its own).
const name = ['nps-survey', ...Array.from({ length: 9 }, (_, i) => `nps-survey-${i + 2}`)].find(
  (candidate) => !existsSync(join(repoRoot, 'apps', candidate)),
) as string;
const scratch = mkdtempSync(join(tmpdir(), 'flywheel-widget-new-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The environment of a fresh shell: what `pnpm test` and turbo set for this process (npm_*, PNPM_*,
// TURBO_*) would make the pnpm and turbo run inside the scratch copy act for this repository.
const freshEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_|TURBO_|INIT_CWD$)/i.test(key)));

/** Runs a command in the scratch copy; its output is the failure message when it fails. */
function run(command: string, args: string[], cwd = scratch) {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...freshEnv, CI: 'true', FORCE_COLOR: '0' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** The repository as a fresh clone would have it (tracked and new files), without installs or builds. */
async function copyRepository() {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    await copyFile(join(repoRoot, file), join(scratch, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // deleted in the working tree, not yet committed
    });
  }
}

// The generator's promise, kept literally: what it writes passes every check untouched. So the
// test generates a widget in a scratch copy of the repository and runs the real tools on it
// (the pnpm store already holds every package, so installs are offline and take seconds).
describe('pnpm flywheel widget new, in a scratch copy of the repository', () => {
  it('writes a whole slice that installs, lints, typechecks, tests and builds', { timeout: 15 * 60_000 }, async () => {
    await copyRepository();
    run('pnpm', ['install', '--offline', '--frozen-lockfile']);

    const created = await main(['widget', 'new', name], { FLYWHEEL_REPO_ROOT: scratch });
    expect(created).toMatchObject({ code: 0 });
    expect(JSON.parse(readFileSync(join(scratch, `apps/${name}/package.json`), 'utf8'))).toMatchObject({
      name: `@flywheel/${name}`,
      flywheel: { widget: true },
    });
    run('pnpm', ['install', '--offline', '--no-frozen-lockfile']); // as on a developer's machine: the lockfile gains the widget

    run('pnpm', ['exec', 'biome', 'check', '.']);
    run('pnpm', ['-s', 'flywheel', 'experiments', 'check']);
    const slice = [`@flywheel/${name}`, '@flywheel/api', '@flywheel/console', '@flywheel/testing', '@flywheel/db', '@flywheel/contracts'];
    run('pnpm', ['exec', 'turbo', 'run', 'typecheck', '--output-logs=errors-only', ...slice.map((p) => `--filter=${p}`)]);
    run('pnpm', ['test'], join(scratch, `apps/${name}`));
    run('pnpm', ['exec', 'vitest', 'run', '--configLoader', 'runner', `src/${name}`], join(scratch, 'packages/api'));
    run('pnpm', ['test'], join(scratch, 'apps/console'));
    run('pnpm', ['build'], join(scratch, `apps/${name}`));

    // A second widget of the same name is refused before anything is written.
    expect(await main(['widget', 'new', name], { FLYWHEEL_REPO_ROOT: scratch })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`apps/${name} already exists`),
    });
  });
});
