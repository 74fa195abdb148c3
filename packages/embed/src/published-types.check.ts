// Typecheck only: the published declarations (flywheel.d.ts, standalone for host pages) say the
// same as the types the widgets and embed.js use, so they cannot drift apart.
import type { PageEvent, TokenProvider } from '@flywheel/contracts/widget';
import type { FlywheelPageEvent, FlywheelTokenProvider } from '../flywheel.d.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const pageEventsMatch: Same<PageEvent, FlywheelPageEvent> = true;
export const tokenProvidersMatch: Same<TokenProvider, FlywheelTokenProvider> = true;
