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
  // Every widget is feature-flagged: a kill switch and the flag naming which build hosts load.
  // `experiments check` requires both, so a new widget gets them with everything else.
  for (const [file, content] of Object.entries(widgetFeatures(name))) writeFileSync(join(root, 'experiments', file), content);
  // msw's service worker for standalone development: the same file every widget uses.
  mkdirSync(join(target, 'public'), { recursive: true });
  copyFileSync(join(root, 'apps/referral-center/public/mockServiceWorker.js'), join(target, 'public/mockServiceWorker.js'));
  return [
    `Created apps/${name}, experiments/${name}.enabled.yaml and experiments/${name}.remote.yaml. Next:`,
    '  pnpm install',
    `  pnpm --filter @flywheel/${name} dev      # alone, against msw mocks`,
    `  pnpm start                               # then open http://localhost:3000/#/widget/${name}`,
  ].join('\n');
}

/** The two features every widget has, as experiments/ files. */
export function widgetFeatures(name: string): Record<string, string> {
  const head = (flag: string) => `# yaml-language-server: $schema=./feature.schema.json\nkey: ${name}.${flag}\nwidget: ${name}\n`;
  return {
    [`${name}.enabled.yaml`]: `${head('enabled')}description: Kill switch. Off hides ${name} everywhere it is embedded, without a deploy.
valueType: boolean
defaultValue: true
variations:
  - id: "on"
    value: true
  - id: "off"
    value: false
`,
    [`${name}.remote.yaml`]: `${head('remote')}description: Which build of ${name} hosts load, by registry version ("" = the registry's default build).
valueType: string
defaultValue: ""
variations:
  - id: current
    value: ""
  - id: canary
    value: canary
`,
  };
}
