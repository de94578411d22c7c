export * from './test-ca';
export * from './secured-kafka';
export * from './secured-secantus';
export { startOwnServer, type OwnServer } from './own-server';
export { locateServers } from './server-install';
