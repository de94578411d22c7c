import express, { type RequestHandler } from 'express';
import {
  BadRequestError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './request.errors';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * Strict JSON parsing (objects and arrays only) for JSON media types, with
 * body-parser's errors turned into typed ones. The original error is not
 * kept as the cause: body-parser attaches the raw body to it.
 */
export function jsonBodyMiddleware(limit: string | number): RequestHandler {
  const parse = express.json({ limit, strict: true, type: JSON_MEDIA_TYPES });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => next(error === undefined ? undefined : toRequestError(error)));
  };
}

function toRequestError(error: unknown): unknown {
  switch (bodyParserErrorType(error)) {
    case 'entity.parse.failed':
      return new MalformedJsonError('The request body is not valid JSON (an object or an array).');
    case 'entity.too.large':
      return new PayloadTooLargeError('The request body exceeds the size this service accepts.');
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('JSON bodies must be encoded as UTF-8.');
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError('The content encoding of the body is not supported.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new BadRequestError('The request body was incomplete.');
    default:
      return error;
  }
}

function bodyParserErrorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
}
