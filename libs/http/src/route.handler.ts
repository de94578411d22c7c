import { ValidationError, type FieldViolation } from '@homeward/errors';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { JSON_MEDIA_TYPES } from './json-body.middleware';
import { toJsonPointer } from './json-pointer';
import { UnsupportedMediaTypeError } from './request.errors';
import { zodIssuesToViolations, type FieldNamer } from './zod-issue.mapper';

export interface RouteSchemas {
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly params?: z.ZodType;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The validated, typed parts of a request a route declared schemas for. */
export interface RouteInput<S extends RouteSchemas> {
  readonly body: Parsed<S['body']>;
  readonly query: Parsed<S['query']>;
  readonly params: Parsed<S['params']>;
}

export type RouteHandler<S extends RouteSchemas> = (
  input: RouteInput<S>,
  req: Request,
  res: Response,
) => unknown;

const bodyField: FieldNamer = toJsonPointer;
const parameterField =
  (prefix: string): FieldNamer =>
  (path) =>
    [prefix, ...path.map(String)].join('.');

/**
 * An express handler that validates params, query and body against the zod
 * schemas (all three, so one 400 names every bad field) and calls `handler`
 * with the parsed values. A route with a body schema takes JSON only (415).
 * The returned promise lets express 5 route a rejection to the error handler.
 */
export function route<const S extends RouteSchemas>(schemas: S, handler: RouteHandler<S>): RequestHandler {
  return async (req, res) => {
    if (schemas.body && !req.is(JSON_MEDIA_TYPES)) {
      throw new UnsupportedMediaTypeError('This route takes a JSON body (application/json).');
    }
    const violations: FieldViolation[] = [];
    const parse = (schema: z.ZodType | undefined, input: unknown, fieldOf: FieldNamer) => {
      if (!schema) return undefined;
      const result = schema.safeParse(input);
      if (result.success) return result.data;
      violations.push(...zodIssuesToViolations(result.error.issues, input, fieldOf));
      return undefined;
    };
    const input = {
      params: parse(schemas.params, req.params, parameterField('params')),
      query: parse(schemas.query, req.query, parameterField('query')),
      body: parse(schemas.body, req.body, bodyField),
    } as RouteInput<S>;
    if (violations.length > 0) throw new ValidationError('The request is invalid.', violations);
    await handler(input, req, res);
  };
}
