import { test as base, expect, type Page, request } from '@playwright/test';

/** The demo customer portal, signed in as one of the seeded customers. */
export async function signInToShell(page: Page, customer = 'Alice Chen', path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: new RegExp(`Continue as ${customer}|以此身份继续 ${customer}`) }).click();
}

/** The plain HTML page on another origin that has nothing but the embed snippet. */
export const hostPage = (query = '') => `http://localhost:3100/host-page.html${query}`;

/** Fails the test on any uncaught page error; expected network failures are not page errors. */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * A marketer signed in to the console's API: changes a feature's runtime state the way the console
 * does (console.flags.update, with the session cookie and CSRF token).
 */
export async function signInAsMarketer() {
  const api = await request.newContext({ baseURL: 'http://localhost:3000' });
  const signIn = await api.post('/trpc/console.auth.signIn', { data: { email: 'marketer@flywheel.test', password: 'flywheel-demo' } });
  const { result } = (await signIn.json()) as { result: { data: { csrfToken: string } } };
  return {
    async update(change: Record<string, unknown>) {
      const response = await api.post('/trpc/console.flags.update', { data: change, headers: { 'x-csrf-token': result.data.csrfToken } });
      expect(response.status(), await response.text()).toBe(200);
    },
    dispose: () => api.dispose(),
  };
}
