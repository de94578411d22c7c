export { AggregateStore, type ApplyOutcome, type Snapshot } from './aggregate.store';
export { isDuplicateKey } from './aggregate.document';
export { aggregateModel, type AggregateModel, type OutboxFields } from './outbox.plugin';
export { countUnpublished, OutboxStore, type OutboxBatch } from './outbox.store';
export { connectMongo, pingMongo, syncIndexes, type MongoOptions } from './mongo-connection';
export { onCommitted } from './commit-signal';
export type { PendingEvent } from './pending-event';
export { ProcessedEventStore } from './processed-event.store';
export * from './personal-data.codec';
