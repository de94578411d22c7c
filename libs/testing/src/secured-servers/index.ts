export * from './test-ca';
export * from './secured-kafka';
export * from './secured-ferretdb';
