import { actingAs } from './acting-as';

/** One operation of a service, as its /openapi.json declares it. */
export interface DeclaredOperation {
  readonly method: string;
  /** OpenAPI form, `/cases/{caseId}`. */
  readonly path: string;
  readonly permission: string;
  /** The object the path names whose programme's agencies alone may act on it (`x-agency-scope`). */
  readonly agencyScope?: { readonly object: string; readonly parameter: string };
}

/** Every operation a running service documents, read with an admin's token. */
export async function declaredOperations(baseUrl: string): Promise<DeclaredOperation[]> {
  const res = await fetch(`${baseUrl}/openapi.json`, { headers: actingAs('route-prober', ['admin']) });
  if (!res.ok) throw new Error(`${baseUrl}/openapi.json answered ${res.status}`);
  const document = (await res.json()) as { paths: Record<string, Record<string, { 'x-permission'?: string; 'x-agency-scope'?: { object: string; parameter: string } }>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      permission: operation['x-permission'] ?? 'undeclared',
      ...(operation['x-agency-scope'] ? { agencyScope: operation['x-agency-scope'] } : {}),
    })),
  );
}

/** An id that exists nowhere, in every parameter of the path. */
export const PROBE_ID = '00000000-0000-4000-8000-000000000000';

export const concretePath = (path: string, value: (name: string) => string = () => PROBE_ID) =>
  path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name)));

export interface ProbeAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

/** Calls an operation with the given headers and (for a command) body; a JSON body is parsed, others left out. */
export async function probe(baseUrl: string, operation: DeclaredOperation, init: { path?: string; headers: Record<string, string>; body?: string }): Promise<ProbeAnswer> {
  const res = await fetch(`${baseUrl}${init.path ?? concretePath(operation.path)}`, {
    method: operation.method,
    headers: init.headers,
    ...(operation.method === 'GET' || init.body === undefined ? {} : { body: init.body }),
  });
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let body: Record<string, unknown> = {};
  if (/json/.test(contentType)) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { unparsable: text.slice(0, 200) };
    }
  }
  return { status: res.status, contentType, body };
}
