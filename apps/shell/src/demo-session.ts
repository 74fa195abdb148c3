/** The demo customers the shell can sign in as (seeded by the BFF outside production). */
export const DEMO_CUSTOMERS = [
  { id: 'alice', name: 'Alice Chen', plan: 'Pro' },
  { id: 'bob', name: 'Bob Martin', plan: 'Starter' },
  { id: 'carol', name: 'Carol Smith', plan: 'Free' },
  { id: 'dan', name: '王丹', plan: 'Pro' },
  { id: 'erin', name: 'Erin Okafor', plan: 'Enterprise' },
] as const;

const STORAGE_KEY = 'acme.customer';

export function signedInCustomer(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function signIn(customer: string) {
  sessionStorage.setItem(STORAGE_KEY, customer);
}

export function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * Plays the tenant's server: a real product signs the token on its own server with its secret
 * key; the demo asks the BFF's demo-only route, which exists only outside production.
 */
export function tokenProviderFor(customer: string) {
  let cached: { token: string; expiresAt: number } | null = null;
  return async ({ forceRefresh = false } = {}) => {
    if (!forceRefresh && cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
    const response = await fetch('/demo/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer }),
    });
    if (!response.ok) return null;
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: string };
    cached = { token, expiresAt: Date.parse(expiresAt) };
    return token;
  };
}
