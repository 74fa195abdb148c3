import { test as base, expect, type Page } from '@playwright/test';

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
