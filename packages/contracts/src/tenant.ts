import { z } from 'zod';

/** An allowed origin: exactly `scheme://host[:port]`, http(s) only, no path. */
export const origin = z
  .url({ protocol: /^https?$/ })
  .refine(
    (value) => URL.canParse(value) && new URL(value).origin === value.replace(/\/$/, ''),
    'must be an origin like https://app.example.com (no path)',
  )
  .transform((value) => new URL(value).origin);

export const createTenantInput = z.object({
  name: z.string().trim().min(1).max(120),
  allowedOrigins: z.array(origin).max(20),
});
export type CreateTenantInput = z.input<typeof createTenantInput>;

/**
 * An allowed origin as a tenant enters it: an exact origin, or a wildcard for the subdomains of
 * one (`https://*.example.com`), which the console warns about: every subdomain, including ones
 * someone else may host, can then embed the widgets.
 */
export const originPattern = z
  .string()
  .trim()
  .max(200)
  .refine((value) => {
    const exact = value.replace('://*.', '://wildcard.');
    if ((value.match(/\*/g) ?? []).length > (value.includes('://*.') ? 1 : 0)) return false;
    return (
      URL.canParse(exact) && /^https?:$/.test(new URL(exact).protocol) && new URL(exact).origin === exact.replace(/\/$/, '').toLowerCase()
    );
  }, 'must be an origin like https://app.example.com, or https://*.example.com for its subdomains (no path)')
  .transform((value) => (value.includes('://*.') ? value.replace(/\/$/, '').toLowerCase() : new URL(value).origin));

export const isWildcardOrigin = (origin: string) => origin.includes('*');
