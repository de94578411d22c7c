export * from './run-service';
export * from './service-env';
export * from './start-service';
