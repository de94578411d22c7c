import { signIn } from '../../auth/utils/sign-in';
import { ApiProblem, type Problem } from './api-problem';

export type ServiceName = 'intake' | 'legal' | 'logistics' | 'notification' | 'dashboard';

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly body?: unknown;
  /** Why the person reads or writes: recorded by the service's audit trail (x-homeward-purpose). */
  readonly purpose: string;
  readonly ifMatch?: string;
  readonly idempotencyKey?: string;
  readonly contentType?: string;
}

export interface Answer<T> {
  readonly data: T;
  readonly etag?: string;
  readonly status: number;
}

let csrfToken = '';
/** The session's CSRF token, sent on every state-changing call. */
export const useCsrfToken = (token: string) => {
  csrfToken = token;
};

/**
 * Calls a service through the console's proxy (`/api/<service>/…`): the
 * console's server adds the person's bearer token. An ended session sends
 * the person to sign in again; any other refusal is an ApiProblem.
 */
export async function callApi<T>(service: ServiceName, path: string, options: CallOptions): Promise<Answer<T>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'x-homeward-purpose': options.purpose };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    const raw = typeof options.body === 'string';
    headers['content-type'] = options.contentType ?? 'application/json';
    body = raw ? (options.body as string) : JSON.stringify(options.body);
  }
  const answer = await fetch(`/api/${service}${path}`, { method, headers, body, credentials: 'same-origin' });
  if (answer.status === 401) {
    signIn();
    // The page is going away; nothing is to be shown meanwhile.
    return new Promise<never>(() => undefined);
  }
  const text = await answer.text();
  const parsed = text && (answer.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
  if (!answer.ok) throw new ApiProblem(typeof parsed === 'object' && parsed ? ({ status: answer.status, ...(parsed as object) } as Problem) : { status: answer.status, detail: String(parsed) });
  return { data: parsed as T, etag: answer.headers.get('etag') ?? undefined, status: answer.status };
}
