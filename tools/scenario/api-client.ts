import { randomUUID } from 'node:crypto';
import { withRetry } from './retry';

/** RFC 9457 problem details as the services send them (extensions such as `rule` or `errors` included). */
export interface ProblemDetails {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly requestId?: string;
  readonly rule?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
  /** Logistics names every failing rule of a refused command here (`rule` is the first). */
  readonly violations?: readonly { readonly rule: string; readonly caseId?: string; readonly message: string }[];
  readonly [extension: string]: unknown;
}

/**
 * A failed call: an HTTP error answer (with its problem document when the
 * service sent one) or no answer at all (`status` 0). `retriable` says
 * whether the same call may succeed later without anything else changing.
 */
export class ApiError extends Error {
  constructor(
    readonly service: string,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: ProblemDetails | undefined,
    options?: { cause?: unknown },
  ) {
    super(describeFailure(service, method, path, status, problem, options?.cause), options);
    this.name = 'ApiError';
  }

  get retriable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  /** The business rule a 422 names (e.g. `case-cleared`, `free-seats`). */
  get rule(): string | undefined {
    return typeof this.problem?.rule === 'string' ? this.problem.rule : undefined;
  }

  /** Every rule a 422 names: all of `violations` when the service lists them, else the one `rule`. */
  get rules(): string[] {
    const listed = Array.isArray(this.problem?.violations) ? this.problem.violations.map((v) => v.rule) : [];
    if (listed.length > 0) return [...new Set(listed)];
    return this.rule ? [this.rule] : [];
  }
}

function describeFailure(service: string, method: string, path: string, status: number, problem?: ProblemDetails, cause?: unknown): string {
  const call = `${service} ${method} ${path}`;
  if (status === 0) return `${call}: no answer (${cause instanceof Error ? cause.message : String(cause)})`;
  const parts = [`${call} → ${status}`];
  if (problem?.title) parts.push(problem.title);
  if (problem?.detail) parts.push(problem.detail);
  if (problem?.rule) parts.push(`rule ${problem.rule}`);
  for (const violation of problem?.errors ?? []) parts.push(`${violation.field}: ${violation.message}`);
  // A one-violation refusal already said it in `detail`.
  if ((problem?.violations?.length ?? 0) > 1) for (const v of problem!.violations!) parts.push(`${v.rule}: ${v.message}`);
  if (problem?.requestId) parts.push(`request ${problem.requestId}`);
  return parts.join(' — ');
}

/**
 * The bearer token of the person a call is sent as: the services read who
 * acts, their roles and agency from it (the development issuer's tokens for
 * `npm run scenario`, the test issuer's in the end-to-end tests).
 */
export type AccessTokenProvider = (actor: Actor) => string | undefined | Promise<string | undefined>;

/** The person a command is sent as, and the roles a rule may ask for (a legal officer, a supervisor…). */
export interface Actor {
  readonly userId: string;
  readonly roles?: readonly string[];
}

/** A document fetched as it is (a CSV or PDF manifest), with the media type the service gave it. */
export interface RawDocument {
  readonly contentType: string;
  readonly body: Buffer;
}

export interface ApiClientOptions {
  /** Service name, for messages. */
  readonly service: string;
  readonly baseUrl: string;
  readonly accessToken?: AccessTokenProvider;
  /** Whom a call that names no actor (a read) is sent as. */
  readonly reader?: Actor;
  /** Prefix of the `x-request-id` of each call, so the services' logs and traces show which run sent it. */
  readonly requestIdPrefix?: string;
  readonly timeoutMs?: number;
  /** How long an idempotent GET keeps retrying a retriable failure (connection refused, 503). */
  readonly getRetryMs?: number;
}

export interface ApiClient {
  get<T>(path: string, actor?: Actor): Promise<T>;
  /** `body` undefined sends a POST without a body (a command named by its path alone); `extra` adds headers (an Idempotency-Key). */
  post<T>(path: string, body: unknown, actor?: Actor, extra?: Readonly<Record<string, string>>): Promise<T>;
  getDocument(path: string, actor?: Actor): Promise<RawDocument>;
}

const ACCEPT = 'application/json, application/problem+json';

/**
 * A JSON-over-HTTP client for one service. Every call's headers are built in
 * `headers()`, the one place the bearer token of the acting person (or of
 * the reader, for a call that names none) is added. POSTs are never
 * retried here: a lost answer to a create may have created something, so
 * each caller decides what a retry means.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { service, timeoutMs = 10_000, getRetryMs = 5_000 } = options;
  // Paths are joined under the base URL's own path, so a service behind a path prefix works too.
  const baseUrl = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);

  const headers = async (withBody: boolean, actor: Actor | undefined, accept = ACCEPT, extra: Readonly<Record<string, string>> = {}): Promise<Record<string, string>> => {
    const as = actor ?? options.reader;
    const token = as ? await options.accessToken?.(as) : undefined;
    return {
      ...extra,
      accept,
      'x-request-id': `${options.requestIdPrefix ?? 'scenario'}-${randomUUID()}`,
      ...(withBody ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
  };

  const exchange = async (method: string, path: string, body: unknown, actor: Actor | undefined, accept?: string, extra?: Readonly<Record<string, string>>): Promise<Response> => {
    const url = new URL(path.replace(/^\/+/, ''), baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: await headers(body !== undefined, actor, accept, extra),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ApiError(service, method, path, 0, undefined, { cause: error });
    }
    if (!response.ok) {
      const text = await response.text();
      const parsed = parseJson(text);
      const problem = isObject(parsed) ? (parsed as ProblemDetails) : { detail: text.slice(0, 200) };
      throw new ApiError(service, method, path, response.status, problem);
    }
    return response;
  };

  const send = async <T>(method: string, path: string, body: unknown, actor: Actor | undefined, extra?: Readonly<Record<string, string>>): Promise<T> =>
    parseJson(await (await exchange(method, path, body, actor, undefined, extra)).text()) as T;

  const retriedGet = <T>(path: string, call: () => Promise<T>) =>
    withRetry(`${service} GET ${path}`, call, (e) => e instanceof ApiError && e.retriable, { timeoutMs: getRetryMs });

  return {
    get: <T>(path: string, actor?: Actor) => retriedGet(path, () => send<T>('GET', path, undefined, actor)),
    post: <T>(path: string, body: unknown, actor?: Actor, extra?: Readonly<Record<string, string>>) => send<T>('POST', path, body, actor, extra),
    getDocument: (path: string, actor?: Actor) =>
      retriedGet(path, async () => {
        const response = await exchange('GET', path, undefined, actor, '*/*');
        return { contentType: response.headers.get('content-type') ?? '', body: Buffer.from(await response.arrayBuffer()) };
      }),
  };
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** True when `error` is the given HTTP status (and, for a 422, the given rule). */
export function isApiFailure(error: unknown, status: number, rule?: string): error is ApiError {
  return error instanceof ApiError && error.status === status && (rule === undefined || error.rule === rule);
}
