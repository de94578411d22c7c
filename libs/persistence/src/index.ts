export * from './aggregate.store';
export * from './commit-log';
export * from './mongo-connection';
export * from './outbox.plugin';
export * from './outbox.store';
export * from './pending-event';
export * from './processed-event.store';
export * from './busy-retry';
