import { type ProcedureMocks, TrpcMockError, trpcHandlers } from '@flywheel/testing/msw/bff';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { I18nextProvider } from 'react-i18next';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleClient, createConsoleQueryClient, type Inputs, type Outputs, TRPCProvider } from './api.ts';
import { App } from './app.tsx';
import { i18n } from './i18n.ts';

const apiBase = 'http://console.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  cleanup();
});
afterAll(() => server.close());

function renderConsole() {
  const queryClient = createConsoleQueryClient();
  render(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={createConsoleClient(apiBase)} queryClient={queryClient}>
          <App />
        </TRPCProvider>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}

describe('sign-in', () => {
  it('asks which tenant when the password opens accounts in several, and signs in to the one chosen', async () => {
    const attempts: { email: string; tenantId?: string | undefined }[] = [];
    let sessionReads = 0;
    server.use(
      trpcHandlers(apiBase, {
        'console.auth.session': () => {
          sessionReads++;
          throw new TrpcMockError(401, 'UNAUTHORIZED');
        },
        'console.auth.signIn': (input: Inputs['console']['auth']['signIn']): Outputs['console']['auth']['signIn'] => {
          attempts.push({ email: input.email, tenantId: input.tenantId });
          return input.tenantId
            ? { status: 'signed-in', csrfToken: 'csrf' }
            : {
                status: 'choose-tenant',
                tenants: [
                  { id: '00000000-0000-4000-8000-00000000000a', name: 'Acme' },
                  { id: '00000000-0000-4000-8000-00000000000b', name: 'Globex' },
                ],
              };
        },
        // The mocks' own types are the router's; ProcedureMocks names only two-level paths.
      } as ProcedureMocks),
    );
    renderConsole();
    fireEvent.change(await screen.findByLabelText('Email'), { target: { value: 'agency@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Which console?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: 'Globex' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    // Signed in: the console reads the session again (this mock still says no one is signed in).
    await expect.poll(() => sessionReads).toBe(2);
    expect(attempts).toEqual([
      { email: 'agency@example.com', tenantId: undefined },
      { email: 'agency@example.com', tenantId: '00000000-0000-4000-8000-00000000000b' },
    ]);
  });
});
