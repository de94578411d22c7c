export * from './expect-eventually';
export * from './test-servers';
export * from './service-process';
export * from './mailpit.client';
export * from './free-port';
export * from './acting-as';
export * from './test-issuer';
export * from './route-probe';
