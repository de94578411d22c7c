import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
const PROBLEM_TYPE_BASE = 'https://homeward.example/problems/';

/** RFC 9457 problem details, with the request id every response carries. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly requestId: string;
  readonly [extension: string]: unknown;
}

// One title per problem type (RFC 9457 §3.1.3: the title does not change
// from occurrence to occurrence); the detail carries the occurrence.
const TITLES: Readonly<Record<string, string>> = {
  'validation-failed': 'Request validation failed',
  'malformed-json': 'Malformed JSON body',
  'payload-too-large': 'Request body too large',
  'unsupported-media-type': 'Unsupported media type',
  unauthorized: 'Authentication required',
  'too-many-requests': 'Too many requests',
  'not-found': 'Not found',
  conflict: 'Conflict with the current state',
  'rule-violated': 'Business rule violated',
  'temporarily-unavailable': 'Temporarily unavailable',
  'not-ready': 'Service not ready',
  'internal-error': 'Internal server error',
};

export function problemTypeUri(code: string): string {
  return `${PROBLEM_TYPE_BASE}${encodeURIComponent(code)}`;
}

export interface ProblemInput {
  readonly code: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly requestId: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export function buildProblem(input: ProblemInput): ProblemDetails {
  return {
    // Extensions first so they can never overwrite the standard members.
    ...input.extensions,
    type: problemTypeUri(input.code),
    title: TITLES[input.code] ?? STATUS_CODES[input.status] ?? 'Error',
    status: input.status,
    detail: input.detail,
    instance: input.instance,
    requestId: input.requestId,
  };
}

export function sendProblem(res: Response, problem: ProblemDetails): void {
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
}

/** The occurrence: the request path, without the query (it may carry search terms). */
export function problemInstance(req: Request): string {
  const url = req.originalUrl;
  const queryStart = url.indexOf('?');
  return queryStart === -1 ? url : url.slice(0, queryStart);
}
