import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, tenantId } from './columns.ts';

export const consoleRole = pgEnum('console_role', ['owner', 'marketer', 'moderator', 'viewer']);
export type ConsoleRole = (typeof consoleRole.enumValues)[number];

/** A person who signs in to the marketer console of one tenant. */
export const consoleUsers = pgTable(
  'console_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    /**
     * Stored lower-cased; sign-in compares lower-cased input. Unique per tenant, not across them:
     * an agency's marketer may have an account with each client, and adding someone to one tenant
     * must not reveal (or be blocked by) their account with another.
     */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** `scrypt$N$r$p$salt$hash`, see packages/api/src/console/passwords.ts. */
    passwordHash: text('password_hash').notNull(),
    role: consoleRole('role').notNull(),
    /** Set while the password is a temporary one someone else handed out: nothing else works until it is changed. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('console_users_tenant_email').on(t.tenantId, t.email), index('console_users_email').on(t.email)],
);

/** A console sign-in. The cookie holds a random token; only its SHA-256 is stored. */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    /** Sent back by the console in `X-CSRF-Token` on every mutation. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('console_sessions_user_id').on(t.userId)],
);

/**
 * Failed console sign-ins, by the address tried (whether or not an account has it): the shared
 * count every replica throttles by. Rows older than the window are deleted as new ones arrive.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_email').on(t.email, t.failedAt)],
);
