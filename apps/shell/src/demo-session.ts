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

export function signIn(customer: string, name?: string) {
  sessionStorage.setItem(STORAGE_KEY, customer);
  if (name) sessionStorage.setItem(`${STORAGE_KEY}.name`, name);
}

export function signOut() {
  sessionStorage.removeItem(STORAGE_KEY);
  sessionStorage.removeItem(`${STORAGE_KEY}.name`);
}

/** The display name: a seeded customer's, or the one given at sign-up. */
export function displayName(customer: string): string {
  return DEMO_CUSTOMERS.find((c) => c.id === customer)?.name ?? sessionStorage.getItem(`${STORAGE_KEY}.name`) ?? customer;
}

async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(json.message ?? `${path} failed`);
  return json;
}

/** What a referral link's redirect put in the landing URL: the invite code and the link visitor's id. */
export type Invite = { ref: string; click: string | null };

export function inviteFromUrl(search: string): Invite | null {
  const params = new URLSearchParams(search);
  const ref = params.get('ref');
  return ref ? { ref, click: params.get('fw_click') } : null;
}

/** Plays the product's sign-up: the tenant's server creates the customer with the invite code and the link visitor's id. */
export const signUp = (name: string, email: string, invite: Invite) =>
  post<{ customer: string }>('/demo/signup', { name, email, ref: invite.ref, ...(invite.click ? { click: invite.click } : {}) });

/** The plan the demo product has on record for the customer. */
export const planOf = (customer: string) => post<{ plan: string }>('/demo/plan', { customer });

/** Plays the product's billing: the tenant's server reports the subscription (the qualifying event). */
export const subscribe = (customer: string, plan: 'pro') => post<{ subscribed: string }>('/demo/subscribe', { customer, plan });

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
