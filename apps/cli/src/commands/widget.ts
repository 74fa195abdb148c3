import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../usage-error.ts';
import {
  applyRegistration,
  consoleFiles,
  namesOf,
  registrations,
  schemaFile,
  serverDomainFiles,
  testingFile,
  widgetAppFiles,
} from './widget-template.ts';

export const widgetHelp = `flywheel widget new <name>

  Creates a widget's whole slice, in the referral center's shape: the remote (apps/<name>), its
  server domain (packages/api/src/<name>: router, service, reactions, capabilities, test), a
  table (packages/db/src/schema/<name>.ts and its migration), its msw mocks and data factory
  (packages/testing), a console page (apps/console/src/domains/<name>), and its kill switch and
  build flag (experiments/<name>.enabled.yaml, <name>.remote.yaml); and registers each where the
  others are (the end-to-end suite's dependencies included). Then run \`pnpm install && pnpm test\`. Names: lowercase letters, digits and dashes.`;

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

function writeAll(dir: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

export async function widgetCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, name] = argv;
  if (sub !== 'new') throw new UsageError(`widget: unknown subcommand "${sub ?? ''}"`);
  if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 40) {
    throw new UsageError('<name>: lowercase letters, digits and single dashes, starting with a letter (e.g. nps-survey)');
  }
  const root = env.FLYWHEEL_REPO_ROOT ?? repoRoot;
  const names = namesOf(name);
  const places = {
    app: `apps/${name}`,
    domain: `packages/api/src/${name}`,
    schema: `packages/db/src/schema/${name}.ts`,
    testing: `packages/testing/src/domains/${name}.ts`,
    console: `apps/console/src/domains/${name}`,
  };
  for (const place of Object.values(places)) {
    if (existsSync(join(root, place))) throw new UsageError(`<name>: ${place} already exists`);
  }
  // Every registration is checked before anything is written, so a missing marker changes nothing.
  const registered = registrations(names).map((r) => [r.file, applyRegistration(readFileSync(join(root, r.file), 'utf8'), r)] as const);

  writeAll(join(root, places.app), widgetAppFiles(names, nextDevPort(join(root, 'apps'))));
  // msw's service worker for standalone development: the same file every widget uses.
  mkdirSync(join(root, places.app, 'public'), { recursive: true });
  copyFileSync(join(root, 'apps/referral-center/public/mockServiceWorker.js'), join(root, places.app, 'public/mockServiceWorker.js'));
  writeAll(join(root, places.domain), serverDomainFiles(names));
  writeAll(join(root, places.console), consoleFiles(names));
  writeFileSync(join(root, places.schema), schemaFile(names));
  writeFileSync(join(root, places.testing), testingFile(names));
  for (const [file, content] of registered) writeFileSync(join(root, file), content);
  // The end-to-end suite depends on every widget, so turbo builds the new one before it runs.
  const e2ePackage = join(root, 'e2e/package.json');
  const e2e = JSON.parse(readFileSync(e2ePackage, 'utf8')) as { devDependencies: Record<string, string> };
  e2e.devDependencies = Object.fromEntries(
    Object.entries({ ...e2e.devDependencies, [`@flywheel/${name}`]: 'workspace:*' }).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync(e2ePackage, `${JSON.stringify(e2e, null, 2)}\n`);
  // Every widget is feature-flagged: a kill switch and the flag naming which build hosts load.
  // `experiments check` requires both, so a new widget gets them with everything else.
  writeAll(join(root, 'experiments'), widgetFeatures(name));

  // The table's migration, as `pnpm --filter @flywheel/db generate <name>` would write it; then the
  // touched files in the repository's format, so `pnpm lint` passes on what was generated.
  const run = (cwd: string, args: string[]) => execFileSync('pnpm', args, { cwd, stdio: 'pipe', env: { ...process.env, ...env } });
  run(join(root, 'packages/db'), ['exec', 'drizzle-kit', 'generate', '--name', names.snake]);
  run(root, ['exec', 'biome', 'check', '--write', ...Object.values(places), ...registered.map(([file]) => file)]);

  return [
    `Created ${name}: ${Object.values(places).join(', ')}, its migration, and experiments/${name}.enabled.yaml and .remote.yaml. Next:`,
    ...[
      ['pnpm install', ''],
      ['pnpm test', 'everything, the new slice included'],
      [`pnpm --filter @flywheel/${name} dev`, 'the widget alone, against msw mocks'],
      ['pnpm start', `then open http://localhost:3000/#/widget/${name}`],
    ].map(([command = '', why]) => `  ${why ? `${command.padEnd(44)}# ${why}` : command}`),
  ].join('\n');
}

/** The two features every widget has, as experiments/ files. */
export function widgetFeatures(name: string): Record<string, string> {
  const head = (flag: string) => `# yaml-language-server: $schema=./feature.schema.json\nkey: ${name}.${flag}\nwidget: ${name}\n`;
  return {
    [`${name}.enabled.yaml`]: `${head('enabled')}description: Kill switch. Off hides ${name} everywhere it is embedded, without a deploy.
valueType: boolean
defaultValue: true
# The global holdout (flywheel.holdout) sees no widget at all.
holdoutValue: false
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
