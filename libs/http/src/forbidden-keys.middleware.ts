import { ValidationError } from '@homeward/errors';
import type { RequestHandler } from 'express';
import { findForbiddenKeys } from './forbidden-keys';

/** Refuses operator-injection keys in any parsed body, before any route sees it. */
export function forbiddenKeysMiddleware(): RequestHandler {
  return (req, _res, next) => {
    const violations = findForbiddenKeys(req.body);
    if (violations.length === 0) return next();
    next(new ValidationError('The request body contains forbidden keys.', violations));
  };
}
