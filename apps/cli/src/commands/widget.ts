import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../usage-error.ts';
import { widgetFiles } from './widget-template.ts';

export const widgetHelp = `flywheel widget new <name>

  Creates apps/<name>: a widget remote of exactly the referral center's shape (defineWidget, en and
  zh-CN messages, styles, a component test, standalone development against msw). Then run
  \`pnpm install && pnpm build\`: the BFF registers it by its package.json ("flywheel": { "widget":
  true }) and the shell shows it at #/widget/<name>. Names: lowercase letters, digits and dashes.`;

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const FIRST_DEV_PORT = 3101;

/** The next dev port after every widget's, so `pnpm dev` can run them all side by side. */
function nextDevPort(appsDir: string): number {
  const ports = readdirSync(appsDir, { withFileTypes: true }).flatMap((dir) => {
    const pkg = join(appsDir, dir.name, 'package.json');
    if (!existsSync(pkg)) return [];
    const port = (JSON.parse(readFileSync(pkg, 'utf8')) as { flywheel?: { devPort?: number } }).flywheel?.devPort;
    return port ? [port] : [];
  });
  return ports.length ? Math.max(...ports) + 1 : FIRST_DEV_PORT;
}

export async function widgetCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, name] = argv;
  if (sub !== 'new') throw new UsageError(`widget: unknown subcommand "${sub ?? ''}"`);
  if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 40) {
    throw new UsageError('<name>: lowercase letters, digits and single dashes, starting with a letter (e.g. nps-survey)');
  }
  const root = env.FLYWHEEL_REPO_ROOT ?? repoRoot;
  const appsDir = join(root, 'apps');
  const target = join(appsDir, name);
  if (existsSync(target)) throw new UsageError(`<name>: apps/${name} already exists`);

  const files = widgetFiles({ name, devPort: nextDevPort(appsDir) });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), content);
  }
  // msw's service worker for standalone development: the same file every widget uses.
  mkdirSync(join(target, 'public'), { recursive: true });
  copyFileSync(join(root, 'apps/referral-center/public/mockServiceWorker.js'), join(target, 'public/mockServiceWorker.js'));
  return [
    `Created apps/${name}. Next:`,
    '  pnpm install',
    `  pnpm --filter @flywheel/${name} dev      # alone, against msw mocks`,
    `  pnpm start                               # then open http://localhost:3000/#/widget/${name}`,
  ].join('\n');
}
