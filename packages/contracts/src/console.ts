import { z } from 'zod';

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  /** Which tenant, when the address has accounts in several (sign-in answered `choose-tenant`). */
  tenantId: z.uuid().optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

export const CONSOLE_ROLES = ['owner', 'marketer', 'moderator', 'viewer'] as const;
export type ConsoleRoleName = (typeof CONSOLE_ROLES)[number];

export const addUserInput = z
  .object({ email: z.email().max(254), name: z.string().trim().min(1).max(120), role: z.enum(CONSOLE_ROLES) })
  .strict();
export const setRoleInput = z.object({ userId: z.uuid(), role: z.enum(CONSOLE_ROLES) }).strict();
export const userIdInput = z.object({ userId: z.uuid() }).strict();

/** The customer a console preview plays: traits the marketer picks to see targeting at work. */
export const previewTokenInput = z
  .object({
    traits: z
      .object({
        plan: z.string().max(40).optional(),
        tier: z.string().max(40).optional(),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 two-letter code')
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
