export * from './homeward-error';
export * from './http-errors';
