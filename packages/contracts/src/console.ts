import { z } from 'zod';

export const signInInput = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type SignInInput = z.infer<typeof signInInput>;
