import { type Browser, test as base, expect, type Page, request } from '@playwright/test';

/** The demo customer portal, signed in as one of the seeded customers. */
export async function signInToShell(page: Page, customer = 'Alice Chen', path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: new RegExp(`Continue as ${customer}|以此身份继续 ${customer}`) }).click();
}

/** The plain HTML page on another origin that has nothing but the embed snippet. */
export const hostPage = (query = '') => `http://localhost:3100/host-page.html${query}`;

/**
 * Fails the test on any uncaught page error or Content Security Policy violation (a CSP that
 * blocks a remote fails here, not silently); expected network failures are not page errors. A
 * test that provokes one on purpose empties the array after checking it.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && message.text().includes('Content Security Policy')) errors.push(message.text());
      });
      await use(errors);
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/**
 * A console user signed in to the console's API (session cookie and CSRF token), calling
 * procedures the way the console does.
 */
export async function signInToConsole(email: string) {
  const api = await request.newContext({ baseURL: 'http://localhost:3000' });
  const signIn = await api.post('/trpc/console.auth.signIn', { data: { email, password: 'flywheel-demo' } });
  const { result } = (await signIn.json()) as { result: { data: { csrfToken: string } } };
  const csrf = { 'x-csrf-token': result.data.csrfToken };
  return {
    async query<T>(path: string, input?: unknown): Promise<T> {
      const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      const response = await api.get(`/trpc/${path}${search}`);
      expect(response.status(), await response.text()).toBe(200);
      return ((await response.json()) as { result: { data: T } }).result.data;
    },
    /** Calls a mutation and returns the raw answer, for tests about refusals. */
    call(path: string, input: unknown) {
      return api.post(`/trpc/${path}`, { data: input, headers: csrf });
    },
    async mutate(path: string, input: unknown) {
      const response = await this.call(path, input);
      expect(response.status(), await response.text()).toBe(200);
    },
    /** Serves one variation to everyone the targeting matches (null: back to the default). */
    rollout(key: string, variationId: string | null, targeting?: Record<string, unknown> | null) {
      return this.mutate('console.experiments.rollout', { key, variationId, ...(targeting !== undefined ? { targeting } : {}) });
    },
    dispose: () => api.dispose(),
  };
}

export const signInAsMarketer = () => signInToConsole('marketer@flywheel.test');

/** The console in the browser, signed in through its own form. */
export async function openConsole(page: Page, email: string, path = '') {
  await page.goto(`/console/${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('flywheel-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/**
 * A visitor opens the invite link, signs up in the demo product and subscribes to Pro. Resolves
 * to their page and the customer id the demo tenant's server gave them.
 */
export async function friendSignsUpAndSubscribes(browser: Browser, link: string, name: string, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\?ref=[2-9A-HJ-KM-NP-Z]{8}/);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Work email').fill(email);
  const signedUp = page.waitForResponse((res) => new URL(res.url()).pathname === '/demo/signup');
  await page.getByRole('button', { name: 'Create account' }).click();
  const { customer } = (await (await signedUp).json()) as { customer: string };
  await expect(page.getByRole('heading', { name: `Welcome back, ${name}` })).toBeVisible();
  await page.getByRole('button', { name: 'Upgrade to Pro' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You are on Pro' })).toBeVisible();
  return { page, customer };
}
