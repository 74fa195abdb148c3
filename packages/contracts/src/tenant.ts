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
  /** `test` keys (pk_test_/sk_test_) for development and staging, `live` for production. */
  mode: z.enum(['test', 'live']).default('live'),
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

/**
 * The tenant's branding defaults: the `--fw-*` tokens widgets are themed by, as embed.js applies
 * them (a page's own value on `flywheel-widget` still wins). Each value is checked against a
 * narrow pattern, since it ends up in a style sheet: colours as #rrggbb, radius in px, fonts by name.
 */
export const widgetBranding = z
  .object({
    '--fw-color-primary': z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #4338ca')
      .optional(),
    '--fw-color-text': z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f2328')
      .optional(),
    '--fw-color-surface': z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ffffff')
      .optional(),
    '--fw-radius': z
      .string()
      .regex(/^([0-9]|[12][0-9]|3[0-2])px$/, 'must be 0px to 32px')
      .optional(),
    '--fw-font-family': z
      .string()
      .regex(/^[A-Za-z0-9 ,'"-]{1,120}$/, 'must be font names separated by commas')
      .optional(),
  })
  .strict();
export type WidgetBranding = z.infer<typeof widgetBranding>;
export const BRANDING_TOKENS = Object.keys(widgetBranding.shape) as (keyof WidgetBranding)[];
