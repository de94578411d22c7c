export * from './expect-eventually';
export * from './test-servers';
