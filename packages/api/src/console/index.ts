// Console: sign-in sessions and console users.

export {
  type ConsoleSession,
  createSession,
  findSession,
  readSessionCookie,
  SESSION_TTL_SECONDS,
  sessionCookie,
  signIn,
  signOut,
} from './sessions.ts';
export { addConsoleUser } from './users.ts';
