// Events: ingestion in the Segment spec's shape. Domains record their own events with emit() (platform/).
export { EventNotAllowedError, eraseEvents, eventById, ingestBatch, MessageIdReusedError } from './service.ts';
