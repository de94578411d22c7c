export * from './run-service';
export * from './service-env';
export * from './start-service';
export * from './rebuild-projections';
export * from './run-rebuild';
