export * from './create-http-app';
export * from './start-http-server';
export * from './route.handler';
export * from './readiness-check';
export * from './http-logger';
export * from './request.errors';
export { requestIdOf, REQUEST_ID_HEADER } from './request-id.middleware';
export { problemTypeUri, PROBLEM_CONTENT_TYPE, type ProblemDetails } from './problem-details';
