export * from './common-env';
export * from './load-config';
export * from './secret-files';
export * from './transport-security';
