/**
 * Everything `flywheel widget new <name>` writes: a widget's whole vertical slice, mirroring the
 * referral center (the model widget) and the domains beside it. Keep them in step: the
 * generator's test generates a widget in a scratch copy of the repository and runs lint,
 * typecheck, tests and the build on the result.
 */

/** The spellings of one widget name (`nps-survey`) each place needs. */
export type Names = {
  /** `nps-survey`: the app, the widget's registry name, the API domain's folder, the console route. */
  name: string;
  /** `npsSurvey`: the tRPC router key. */
  camel: string;
  /** `NpsSurvey`: components and types. */
  pascal: string;
  /** `nps_survey`: tables and event names. */
  snake: string;
  /** `Nps survey`: what people read. */
  title: string;
};

export function namesOf(name: string): Names {
  const words = name.split('-');
  const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    name,
    camel: (words[0] ?? '') + words.slice(1).map(cap).join(''),
    pascal: words.map(cap).join(''),
    snake: words.join('_'),
    title: cap(words.join(' ')),
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** apps/<name>: the remote, its messages, styles, component test and standalone development. */
export function widgetAppFiles({ name, pascal, camel, title }: Names, devPort: number): Record<string, string> {
  return {
    'package.json': json({
      name: `@flywheel/${name}`,
      version: '0.1.0',
      private: true,
      type: 'module',
      flywheel: { widget: true, devPort },
      scripts: {
        dev: 'rsbuild dev',
        build: 'NODE_ENV=production rsbuild build',
        lint: 'biome check .',
        typecheck: 'tsc --noEmit',
        test: 'vitest run --configLoader runner',
      },
      dependencies: {
        '@flywheel/ui': 'workspace:*',
        '@flywheel/widget-kit': 'workspace:*',
        '@growthbook/growthbook': 'catalog:',
        '@growthbook/growthbook-react': 'catalog:',
        '@tanstack/react-query': 'catalog:',
        react: 'catalog:',
        'react-dom': 'catalog:',
      },
      devDependencies: {
        '@flywheel/api': 'workspace:*',
        '@flywheel/config': 'workspace:*',
        '@flywheel/testing': 'workspace:*',
        '@rsbuild/core': 'catalog:',
        '@testing-library/dom': 'catalog:',
        '@testing-library/react': 'catalog:',
        '@types/react': 'catalog:',
        '@types/react-dom': 'catalog:',
        'happy-dom': 'catalog:',
        msw: 'catalog:',
        typescript: 'catalog:',
        vitest: 'catalog:',
      },
    }),
    'tsconfig.json': `{
  "extends": "@flywheel/config/tsconfig/react.json",
  // The AppRouter type is read from @flywheel/api's Node source (type-only, never bundled).
  "compilerOptions": { "types": ["node"] },
  "include": ["src", "*.config.ts"]
}
`,
    'rsbuild.config.ts': `import { createRemoteConfig, widgetExposes } from '@flywheel/config/rsbuild';
import pkg from './package.json' with { type: 'json' };

export default createRemoteConfig({ name: '${name}', exposes: widgetExposes, port: pkg.flywheel.devPort });
`,
    'vitest.config.ts': `import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: '${name}', environment: 'happy-dom' });
`,
    'src/messages/en.json': json({
      [`${name}.title`]: title,
      [`${name}.list`]: 'What you wrote',
      [`${name}.empty`]: 'Nothing here yet. Write the first entry below.',
      [`${name}.error`]: 'We couldn’t load your entries. Check your connection and try again.',
      [`${name}.label`]: 'New entry',
      [`${name}.hint`]: 'Up to 1,000 characters.',
      [`${name}.add`]: 'Add',
      [`${name}.added`]: 'Added',
      [`${name}.addError`]: 'That didn’t save. Try again.',
    }),
    'src/messages/zh-CN.json': json({
      [`${name}.title`]: title,
      [`${name}.list`]: '你写下的内容',
      [`${name}.empty`]: '这里还没有内容，在下方写下第一条吧。',
      [`${name}.error`]: '无法加载你的内容，请检查网络后重试。',
      [`${name}.label`]: '新内容',
      [`${name}.hint`]: '最多 1000 个字符。',
      [`${name}.add`]: '添加',
      [`${name}.added`]: '已添加',
      [`${name}.addError`]: '保存失败，请重试。',
    }),
    'src/messages.ts': `import { defineMessages } from '@flywheel/widget-kit';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

/** \`t\` is typed by en.json: a key missing from zh-CN, or a typo, does not compile. */
export const { messages, useT } = defineMessages({ en, 'zh-CN': zhCN });
`,
    'src/styles.ts': `/** ${title} CSS: every rule under \`.fw-${name}\`, every value from a \`--fw-*\` token. */
export const styles = /* css */ \`
.fw-${name} form { display: grid; gap: var(--fw-s); margin-top: calc(var(--fw-s) * 2); justify-items: start; }
.fw-${name} form .fw-field { width: 100%; }
\`;
`,
    'src/widget.tsx': `import { Button, Card, List, Textarea, useToast } from '@flywheel/ui';
import { QueryState, useMutation, useQuery, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { type FormEvent, useState } from 'react';
import { useT } from './messages.ts';

/** ${title}: the signed-in customer's entries, and a form to add one. */
export function ${pascal}() {
  const t = useT();
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const entries = useQuery(trpc.${camel}.entries.queryOptions());
  const [body, setBody] = useState('');
  const add = useMutation(
    trpc.${camel}.add.mutationOptions({
      onSuccess: () => {
        setBody('');
        toast.show(t('${name}.added'));
        void queryClient.invalidateQueries({ queryKey: trpc.${camel}.entries.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ body });
  };
  return (
    <Card title={t('${name}.title')}>
      <QueryState query={entries} error={t('${name}.error')} isEmpty={(list) => list.length === 0} empty={t('${name}.empty')}>
        {(list) => <List label={t('${name}.list')} items={list} render={(entry) => ({ key: entry.id, content: entry.body })} />}
      </QueryState>
      <form onSubmit={submit}>
        <Textarea
          label={t('${name}.label')}
          hint={t('${name}.hint')}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          maxLength={1000}
          required
          error={add.isError ? t('${name}.addError') : undefined}
        />
        <Button type="submit" disabled={add.isPending}>
          {t('${name}.add')}
        </Button>
      </form>
    </Card>
  );
}
`,
    'src/widget.test.tsx': `import { ${camel}Entry } from '@flywheel/testing/factories';
import { bffHandlers } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { messageProblems } from '@flywheel/widget-kit';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Widget } from './index.ts';
import { messages } from './messages.ts';

const apiBase = 'http://bff.test';
const server = setupServer(...bffHandlers(apiBase));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

// Each test has its own publishable key, so each gets its own page session and query cache.
const render = (key: string, locale = 'en') =>
  renderWidget(<Widget apiBase={apiBase} publishableKey={key} getToken={() => 't'} locale={locale} />);

describe('${name}', () => {
  it('lists the customer’s entries', async () => {
    server.use(...bffHandlers(apiBase, { '${camel}.entries': () => [${camel}Entry({ body: 'Shipped the onboarding checklist' })] }));
    await render('pk_list');
    expect(await screen.findByText('Shipped the onboarding checklist')).toBeTruthy();
  });

  it('says so when there is nothing yet, and adds an entry', async () => {
    const added: string[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        '${camel}.entries': () => added.map((body, i) => ${camel}Entry({ id: String(i), body })),
        '${camel}.add': (input) => {
          added.push(input.body);
          return ${camel}Entry({ body: input.body });
        },
      }),
    );
    await render('pk_add');
    expect(await screen.findByText('Nothing here yet. Write the first entry below.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('New entry'), { target: { value: 'Invited my team' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('Invited my team')).toBeTruthy();
    expect(added).toEqual(['Invited my team']);
  });

  it('speaks Simplified Chinese', async () => {
    await render('pk_zh', 'zh-CN');
    expect(await screen.findByRole('button', { name: '添加' })).toBeTruthy();
  });

  it('has every string in both languages, with the same placeholders', () => {
    expect(messageProblems(messages)).toEqual([]);
  });
});
`,
    'src/index.ts': `import { defineWidget } from '@flywheel/widget-kit';
import { messages } from './messages.ts';
import { styles } from './styles.ts';
import { ${pascal} } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({ name: '${name}', component: ${pascal}, messages, styles });
`,
    'src/standalone.tsx': `// Standalone development: \`pnpm --filter @flywheel/${name} dev\` renders the widget against msw
// mocks of the BFF, so no backend is needed. The dynamic import is Module Federation's async
// boundary: shared modules are negotiated before React loads.
void import('./bootstrap.tsx');
`,
    'src/bootstrap.tsx': `import { bffHandlers } from '@flywheel/testing/msw/bff';
import { setupWorker } from 'msw/browser';
import { createRoot } from 'react-dom/client';
import { Widget } from './index.ts';

const apiBase = location.origin;
await setupWorker(...bffHandlers(apiBase)).start({ onUnhandledRequest: 'bypass', quiet: true });

const params = new URLSearchParams(location.search);
const root = document.createElement('div');
document.body.append(root);
createRoot(root).render(
  <Widget apiBase={apiBase} publishableKey="pk_test_demo" getToken={() => 'standalone-token'} locale={params.get('locale') ?? undefined} />,
);
`,
  };
}

/** packages/api/src/<name>: the widget's server domain. */
export function serverDomainFiles({ name, camel, pascal, snake, title }: Names): Record<string, string> {
  const table = `${camel}Entries`;
  return {
    'index.ts': `// ${title}: what customers write in the ${name} widget. Other domains use only what this file exports.
export { ${camel}Jobs, ${camel}Reactions } from './reactions.ts';
`,
    'capabilities.ts': `import type { RoleGrants } from '../platform/index.ts';

/** Removing any customer's ${name} entry. Owners may do everything; the roles here get it too. */
export const capabilities = {
  moderate${pascal}: ['moderator'],
} as const satisfies RoleGrants;
`,
    'reactions.ts': `import type { Job, Reaction } from '../platform/index.ts';

/**
 * What ${name} does when events arrive (\`reaction()\`), and its delayed work (\`job()\`): none yet.
 * Both are registered in registry.ts; see the referral domain's reactions.ts for examples.
 */
export const ${camel}Reactions: Reaction[] = [];
export const ${camel}Jobs: Job<unknown>[] = [];
`,
    'service.ts': `import { type Db, schema, type Tx } from '@flywheel/db';
import { and, desc, eq } from 'drizzle-orm';
import type { Emit } from '../platform/index.ts';

export type ${pascal}Entry = { id: string; body: string; createdAt: string };

const entryOf = (row: typeof schema.${table}.$inferSelect): ${pascal}Entry => ({
  id: row.id,
  body: row.body,
  createdAt: row.createdAt.toISOString(),
});

/** A customer's latest entries, newest first. */
export async function entriesOf(db: Db, tenantId: string, customerId: string): Promise<${pascal}Entry[]> {
  const rows = await db
    .select()
    .from(schema.${table})
    .where(and(eq(schema.${table}.tenantId, tenantId), eq(schema.${table}.customerId, customerId)))
    .orderBy(desc(schema.${table}.createdAt))
    .limit(50);
  return rows.map(entryOf);
}

/** Stores an entry and records it as an event, so the customer's open widgets refresh. */
export async function addEntry(
  ctx: { tx: Tx; emit: Emit },
  entry: { tenantId: string; customer: { id: string; externalId: string }; body: string },
): Promise<${pascal}Entry> {
  const [row] = await ctx.tx
    .insert(schema.${table})
    .values({ tenantId: entry.tenantId, customerId: entry.customer.id, body: entry.body })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await ctx.emit(ctx.tx, {
    tenantId: entry.tenantId,
    messageId: \`${name}:\${row.id}:added\`,
    event: '${snake}_entry_added',
    userId: entry.customer.externalId,
    properties: { entry_id: row.id },
  });
  return entryOf(row);
}

/** The tenant's latest entries with who wrote them, for the console. */
export async function recentEntries(db: Db, tenantId: string) {
  const rows = await db
    .select({ entry: schema.${table}, customer: schema.customers.externalId })
    .from(schema.${table})
    .innerJoin(schema.customers, eq(schema.customers.id, schema.${table}.customerId))
    .where(eq(schema.${table}.tenantId, tenantId))
    .orderBy(desc(schema.${table}.createdAt))
    .limit(100);
  return rows.map(({ entry, customer }) => ({ ...entryOf(entry), customer }));
}

/** Removes one of the tenant's entries; false when it has no such entry. */
export async function removeEntry(db: Db, tenantId: string, id: string): Promise<boolean> {
  const removed = await db
    .delete(schema.${table})
    .where(and(eq(schema.${table}.tenantId, tenantId), eq(schema.${table}.id, id)))
    .returning({ id: schema.${table}.id });
  return removed.length > 0;
}
`,
    'router.ts': `import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { consoleProcedure, customerProcedure, requires } from '../trpc.ts';
import { addEntry, entriesOf, recentEntries, removeEntry } from './service.ts';

const entryInput = z.object({ body: z.string().trim().min(1).max(1000) }).strict();

export const ${camel}Router = {
  /** The signed-in customer's entries, newest first. */
  entries: customerProcedure.query(({ ctx }) => entriesOf(ctx.db, ctx.tenant.id, ctx.customer.id)),

  add: customerProcedure.input(entryInput).mutation(async ({ ctx, input }) => {
    const entry = await ctx.db.transaction((tx) =>
      addEntry({ tx, emit: ctx.deps.platform.emit }, { tenantId: ctx.tenant.id, customer: ctx.customer, body: input.body }),
    );
    ctx.deps.platform.announce(ctx.db);
    return entry;
  }),
} satisfies TRPCRouterRecord;

export const console${pascal}Router = {
  /** The tenant's latest entries, for every console user. */
  recent: consoleProcedure.query(({ ctx }) => recentEntries(ctx.db, ctx.session.tenantId)),

  remove: requires('moderate${pascal}')
    .input(z.object({ id: z.uuid() }).strict())
    .mutation(async ({ ctx, input }) => {
      if (!(await removeEntry(ctx.db, ctx.session.tenantId, input.id))) {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such entry.' });
      }
      return { removed: true };
    }),
} satisfies TRPCRouterRecord;
`,
    [`${name}.test.ts`]: `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

let people = 0;
/** A new customer of the demo tenant: each test writes its own entries. */
const newCustomer = () => customerCaller(world, \`${name}-\${++people}\`);

describe('${name}', () => {
  it('keeps each customer’s entries to themselves, newest first', async () => {
    const [ada, bo] = [await newCustomer(), await newCustomer()];
    await ada.${camel}.add({ body: 'first' });
    await ada.${camel}.add({ body: '  second  ' });
    await bo.${camel}.add({ body: 'not yours' });
    expect((await ada.${camel}.entries()).map((entry) => entry.body)).toEqual(['second', 'first']);
  });

  it('refuses an empty entry, naming the field, and stores nothing', async () => {
    const ada = await newCustomer();
    await expect(ada.${camel}.add({ body: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('body') });
    expect(await ada.${camel}.entries()).toEqual([]);
  });

  it('lets moderators remove an entry, and marketers only read', async () => {
    const ada = await newCustomer();
    const entry = await ada.${camel}.add({ body: 'remove me' });
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    expect((await marketer.console.${camel}.recent()).find((e) => e.id === entry.id)).toMatchObject({ body: 'remove me' });
    await expect(marketer.console.${camel}.remove({ id: entry.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const moderator = await consoleCaller(world, 'moderator@flywheel.test');
    await expect(moderator.console.${camel}.remove({ id: entry.id })).resolves.toEqual({ removed: true });
    expect(await ada.${camel}.entries()).toEqual([]);
  });
});
`,
  };
}

/** packages/db/src/schema/<name>.ts */
export function schemaFile({ camel, snake, title, name }: Names): string {
  return `import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, tenantId } from './columns.ts';

/** ${title}: what a customer wrote in the ${name} widget, one row per entry. */
export const ${camel}Entries = pgTable(
  '${snake}_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    customerId: customerRef('customer_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('${snake}_entries_customer').on(t.tenantId, t.customerId, t.createdAt)],
);
`;
}

/** packages/testing/src/domains/<name>.ts: the domain's data factory and default mocks. */
export function testingFile({ camel, pascal }: Names): string {
  return `import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type ${pascal}Entry = RouterOutputs['${camel}']['entries'][number];

/** One entry, as \`${camel}.entries\` returns it; override any field. */
export function ${camel}Entry(overrides: Partial<${pascal}Entry> = {}): ${pascal}Entry {
  return { id: 'entry-1', body: 'My first entry', createdAt: '2026-12-01T09:00:00.000Z', ...overrides };
}

export const ${camel}Mocks: ProcedureMocks = {
  '${camel}.entries': () => [${camel}Entry()],
  '${camel}.add': (input) => ${camel}Entry({ id: 'entry-2', body: input.body }),
};
`;
}

/** apps/console/src/domains/<name>: the domain's console page. */
export function consoleFiles({ name, camel, pascal, title }: Names): Record<string, string> {
  return {
    'index.ts': `import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { ${pascal}Page } from './page.tsx';

/** What customers wrote in the ${name} widget; moderators remove what does not belong. */
export const ${camel}Page: ConsolePage = { route: '${name}', messages: { en, 'zh-CN': zhCN }, Page: ${pascal}Page };
`,
    'messages.ts': `import type { Shape } from '../../messages.ts';

export const en = {
  '${name}': {
    nav: '${title}',
    title: '${title}',
    intro: 'The latest entries customers wrote in the ${name} widget.',
    customer: 'Customer',
    body: 'Entry',
    when: 'Written',
    remove: 'Remove',
    empty: 'No entries yet.',
  },
};

export const zhCN: Shape<typeof en> = {
  '${name}': {
    nav: '${title}',
    title: '${title}',
    intro: '客户在 ${name} 组件中写下的最新内容。',
    customer: '客户',
    body: '内容',
    when: '时间',
    remove: '移除',
    empty: '还没有内容。',
  },
};
`,
    'page.tsx': `import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

export function ${pascal}Page({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const recent = useQuery(trpc.console.${camel}.recent.queryOptions());
  const remove = useMutation(
    trpc.console.${camel}.remove.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.${camel}.recent.queryKey() }),
    }),
  );
  const f = formats(i18n.language);
  return (
    <>
      <h1>{t('${name}.title')}</h1>
      <p className="muted">{t('${name}.intro')}</p>
      <ErrorText error={remove.error} />
      <QueryTable
        query={recent}
        caption={t('${name}.title')}
        empty={t('${name}.empty')}
        rowKey={(entry) => entry.id}
        columns={[
          { header: t('${name}.customer'), cell: (entry) => entry.customer },
          { header: t('${name}.body'), cell: (entry) => entry.body },
          { header: t('${name}.when'), cell: (entry) => f.dateTime(entry.createdAt) },
          {
            header: t('${name}.remove'),
            hidden: true,
            cell: (entry) =>
              session.can.moderate${pascal} && (
                <button type="button" disabled={remove.isPending} onClick={() => remove.mutate({ id: entry.id })}>
                  {t('${name}.remove')}
                </button>
              ),
          },
        ]}
      />
    </>
  );
}
`,
  };
}

/** One registration: import lines for the file, and lines to insert above a marker comment. */
export type Registration = { file: string; imports: string[]; entries: { marker: string; line: string }[] };

/** Where the new slice is registered: each list's marker comment is `// flywheel widget new: <list>`. */
export function registrations({ name, camel, pascal, snake }: Names): Registration[] {
  const marker = (list: string) => `// flywheel widget new: ${list}`;
  return [
    {
      file: 'packages/api/src/root.ts',
      imports: [`import { console${pascal}Router, ${camel}Router } from './${name}/router.ts';`],
      entries: [
        { marker: marker('routers'), line: `${camel}: ${camel}Router,` },
        { marker: marker('console routers'), line: `${camel}: console${pascal}Router,` },
      ],
    },
    {
      file: 'packages/api/src/registry.ts',
      imports: [`import { ${camel}Jobs, ${camel}Reactions } from './${name}/index.ts';`],
      entries: [
        { marker: marker('reactions'), line: `...${camel}Reactions,` },
        { marker: marker('jobs'), line: `...${camel}Jobs,` },
      ],
    },
    {
      file: 'packages/api/src/capabilities.ts',
      imports: [`import { capabilities as ${camel} } from './${name}/capabilities.ts';`],
      entries: [{ marker: marker('capabilities'), line: `...${camel},` }],
    },
    {
      file: 'packages/db/src/schema/index.ts',
      imports: [],
      entries: [{ marker: marker('schema'), line: `export * from './${name}.ts';` }],
    },
    {
      file: 'packages/contracts/src/event-catalogue.ts',
      imports: [],
      entries: [
        {
          marker: marker('events'),
          line: `${snake}_entry_added: { description: 'A customer added an entry in the ${name} widget.', senders: ['domain'], properties: z.looseObject({ entry_id: z.uuid() }) },`,
        },
      ],
    },
    {
      file: 'packages/testing/src/domains/index.ts',
      imports: [`import { ${camel}Mocks } from './${name}.ts';`],
      entries: [
        { marker: marker('mocks'), line: `...${camel}Mocks,` },
        { marker: marker('factories'), line: `export { type ${pascal}Entry, ${camel}Entry } from './${name}.ts';` },
      ],
    },
    {
      file: 'apps/console/src/domains/index.ts',
      imports: [`import { ${camel}Page } from './${name}/index.ts';`],
      entries: [{ marker: marker('pages'), line: `${camel}Page,` }],
    },
  ];
}

/** Adds the imports after the file's last import and each entry on the line above its marker. */
export function applyRegistration(source: string, { file, imports, entries }: Registration): string {
  const lines = source.split('\n');
  for (const { marker, line } of entries) {
    const at = lines.findIndex((l) => l.trim() === marker);
    if (at < 0) throw new Error(`${file}: the marker "${marker}" is missing; add it where new entries belong`);
    const indent = /^\s*/.exec(lines[at] ?? '')?.[0] ?? '';
    lines.splice(at, 0, `${indent}${line}`);
  }
  let lastImport = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]?.startsWith('import ')) continue;
    while (i < lines.length && !lines[i]?.trimEnd().endsWith(';')) i++;
    lastImport = i;
  }
  lines.splice(lastImport + 1, 0, ...imports);
  return lines.join('\n');
}
