export * from './blind-index';
export * from './envelope-cipher';
export * from './key-vault';
export * from './master-keys';
export * from './privacy';
export * from './privacy-env';
export * from './privacy.errors';
export * from './sealed-value';
