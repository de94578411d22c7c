export * from './aggregate.store';
export * from './mongo-connection';
export * from './outbox.plugin';
export * from './pending-event';
export * from './processed-event.store';
export * from './outbox.store';
