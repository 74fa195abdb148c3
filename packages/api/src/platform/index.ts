// The domain platform: reactions to events, jobs, the worker that runs both, and dead letters.
export { type Backlog, backlogOf } from './backlog.ts';
export { addPeriods, type Cadence, isTimeZone, periodEndsAt, periodOf, periodsBetween, timeZoneOf } from './calendar.ts';
export { type DeadLetter, type DeadLetterFilter, listDeadLetters, replayDeadLetters } from './dead-letters.ts';
export {
  type DomainEvent,
  type Emit,
  eventKey,
  type Job,
  job,
  type Reaction,
  type RoleGrants,
  reaction,
  type Schedule,
  type StoredEvent,
  type WorkContext,
} from './define.ts';
export { LiveHub } from './live.ts';
export { createPlatform, LIVE_CHANNEL, type LiveMessage, type Platform, storedEventColumns, WORK_CHANNEL } from './platform.ts';
export { contributionKey, contributionValue, countsFor, isTrusted, undoes } from './rules.ts';
export { exponentialBackoff, Worker, type WorkerOptions, type WorkRun } from './worker.ts';
