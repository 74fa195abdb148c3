import { bffHandlers } from '@flywheel/testing/msw/bff';
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
