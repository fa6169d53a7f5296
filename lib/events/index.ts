export type { BusMessage, Delivery, EventBus, Gap, PublishAck, ReplayPage, StartAt, SubscribeOptions, Subscription } from './EventBus.js';
export { commitEventId, isCommitEvent, type ChangeOp, type CommitEvent, type DocumentChange } from './CommitEvent.js';
export { consume, type ConsumeOptions } from './consume.js';
export { consumeCommits, type ConsumeCommitsOptions } from './consumeCommits.js';
export { createEventBus, eventBusConfigFromEnv, type EventBusConfig } from './createEventBus.js';
export { MemoryBroker } from './MemoryBroker.js';
export { MemoryEventBus, type MemoryEventBusOptions } from './MemoryEventBus.js';
export { NatsEventBus, type NatsEventBusOptions } from './NatsEventBus.js';
export {
  COMMITS_STREAM, commitFilter, commitSubject, DEAD_LETTER_STREAM, DEFAULT_STREAMS, fromSubjectToken, inStream, RELAY_STREAM, SCHEDULER_STREAM, SCHEDULER_WORK_STREAM, streamOf, subjectMatches, subjectToken, type StreamSpec,
} from './streams.js';
