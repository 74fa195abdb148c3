/**
 * The files of a new widget, mirroring apps/referral-center (the model widget). Keep the two in
 * step: the generator's test builds a widget from these and checks it has the same files.
 */
export function widgetFiles({ name, devPort }: { name: string; devPort: number }): Record<string, string> {
  const title = name
    .split('-')
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join(' ');
  const component = title.replace(/ /g, '');
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
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
      [`${name}.greeting`]: 'Hi {{name}}!',
      [`${name}.error`]: 'We couldn’t load this. Try again.',
    }),
    'src/messages/zh-CN.json': json({
      [`${name}.title`]: title,
      [`${name}.greeting`]: '{{name}}，你好！',
      [`${name}.error`]: '加载失败，请重试。',
    }),
    'src/styles.ts': `/** ${title} CSS: every rule under \`.fw-${name}\`, every value from a \`--fw-*\` token. */
export const styles = /* css */ \`
.fw-${name} p { margin: 0; }
\`;
`,
    'src/widget.tsx': `import { Button, Card, Skeleton } from '@flywheel/ui';
import { useQuery, useTRPC, useTranslation } from '@flywheel/widget-kit';

export function ${component}() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.customer.me.queryOptions());

  if (me.isPending) {
    return (
      <Card title={t('${name}.title')}>
        <Skeleton label={t('kit.loading')} />
      </Card>
    );
  }
  if (me.isError) {
    return (
      <Card title={t('${name}.title')}>
        <p role="alert">{t('${name}.error')}</p>
        <Button variant="secondary" onClick={() => void me.refetch()}>
          {t('kit.retry')}
        </Button>
      </Card>
    );
  }
  return (
    <Card title={t('${name}.title')}>
      <p>{t('${name}.greeting', { name: me.data.name ?? me.data.id })}</p>
    </Card>
  );
}
`,
    'src/widget.test.tsx': `import { bffHandlers } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { cleanup, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Widget } from './index.ts';

const apiBase = 'http://bff.test';
const server = setupServer(...bffHandlers(apiBase));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

describe('${name}', () => {
  it('greets the signed-in customer', async () => {
    await renderWidget(<Widget apiBase={apiBase} publishableKey="pk_test_demo" getToken={() => 't'} locale="en" />);
    expect(await screen.findByText('Hi Alice Chen!')).toBeTruthy();
  });
});
`,
    'src/index.ts': `import { defineWidget } from '@flywheel/widget-kit';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';
import { styles } from './styles.ts';
import { ${component} } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({
  name: '${name}',
  component: ${component},
  messages: { en, 'zh-CN': zhCN },
  styles,
});
`,
    'src/standalone.tsx': `// Standalone development against msw mocks of the BFF. The dynamic import is Module
// Federation's async boundary: shared modules are negotiated before React loads.
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
createRoot(root).render(<Widget apiBase={apiBase} publishableKey="pk_test_demo" getToken={() => 'standalone-token'} locale={params.get('locale') ?? undefined} />);
`,
  };
}
