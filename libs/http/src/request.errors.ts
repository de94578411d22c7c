import { HomewardError } from '@homeward/errors';

/**
 * Errors of the request envelope (body syntax, size, media type), raised by
 * the HTTP layer itself before any handler runs. They are HomewardErrors so
 * the error handler maps them like every other typed error.
 */
export class MalformedJsonError extends HomewardError {
  readonly status = 400;
  readonly code = 'malformed-json';
  readonly retriable = false;
}

export class PayloadTooLargeError extends HomewardError {
  readonly status = 413;
  readonly code = 'payload-too-large';
  readonly retriable = false;
}

export class UnsupportedMediaTypeError extends HomewardError {
  readonly status = 415;
  readonly code = 'unsupported-media-type';
  readonly retriable = false;
}

/** Any other client error of the envelope (aborted upload, bad parameter encoding). */
export class BadRequestError extends HomewardError {
  readonly status = 400;
  readonly code = 'bad-request';
  readonly retriable = false;
}
