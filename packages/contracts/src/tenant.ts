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
