import type { Express, RequestHandler, Response } from 'express';
import { authorize, noteAccess, principalOf, redact, undeclaredPermission, type AccessNote, type PolicyObject, type Role } from '@homeward/auth';
import { OpenApiDocument, type HttpMethod, type OperationDoc } from './openapi-document';
import { route, type RouteHandler } from './route.handler';

export interface RegisteredRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly permission: string | undefined;
  readonly fields: PolicyObject | undefined;
}

export interface ApiRouter {
  readonly document: OpenApiDocument;
  get<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  post<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  put<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  patch<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  delete<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  /** Every route with the permission it declares: the table the authorisation tests walk. */
  routes(): readonly RegisteredRoute[];
}

const ROUTERS = new WeakMap<Express, ApiRouter>();

/**
 * Registers each route on express with its policy, its validation and in the
 * service's OpenAPI document at once; the document is served at
 * `/openapi.json`. One router per app: a second call (the runtime adding the
 * audit routes) gets the same router and document.
 *
 * The policy of a route is declared in its operation: `permission` (who may
 * call it: libs/auth GRANTS) and `fields` (the object whose personal fields
 * are redacted per role in the answer). A route without a permission answers
 * 403 to everyone: default deny.
 */
export function createApiRouter(app: Express, info: { title: string; version: string; description?: string }): ApiRouter {
  const existing = ROUTERS.get(app);
  if (existing) return existing;
  const document = new OpenApiDocument(info);
  const registered: RegisteredRoute[] = [];
  app.get('/openapi.json', (_req, res) => void res.json(document.toJSON()));
  const register =
    (method: HttpMethod) =>
    <const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>) => {
      document.add(method, path, doc);
      registered.push({ method, path, permission: doc.permission, fields: doc.fields });
      app[method](path, guard(method, path, doc), route(doc, handler));
    };
  const router: ApiRouter = {
    document,
    get: register('get'),
    post: register('post'),
    put: register('put'),
    patch: register('patch'),
    delete: register('delete'),
    routes: () => [...registered],
  };
  ROUTERS.set(app, router);
  return router;
}

/**
 * Before validation and the handler: note the access for the audit trail,
 * refuse (403 naming the permission) a caller without the route's
 * permission, answer 404 to a caller whose agency does not participate in
 * the programme of the object the path names (its `scope`), and make the answer leave out the fields the caller's roles
 * may not see.
 */
function guard(method: HttpMethod, path: string, doc: OperationDoc): RequestHandler {
  return async (req, res, next) => {
    if (doc.public) return next();
    const principal = principalOf(req);
    const caseId = req.params['caseId'];
    const note: AccessNote = {
      action: method === 'get' ? 'read' : 'write',
      operation: `${method.toUpperCase()} ${path}`,
      permission: doc.permission ?? 'undeclared',
      ...(typeof caseId === 'string' ? { caseId } : {}),
      fields: method === 'get' ? [] : fieldNames(req.body),
    };
    noteAccess(res, note);
    if (!doc.permission) throw undeclaredPermission(method, path);
    authorize(principal, doc.permission);
    // Malformed ids name no object: validation answers them (400 naming the parameter).
    if (doc.scope && (!doc.params || doc.params.safeParse(req.params).success)) await doc.scope.check(req, res);
    filterAnswer(res, note, doc.fields, principal.roles);
    next();
  };
}

/** The top-level names of a JSON body, for the audit (never the values). */
const fieldNames = (body: unknown): string[] =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body).slice(0, 50) : [];

function filterAnswer(res: Response, note: AccessNote, object: PolicyObject | undefined, roles: readonly Role[]): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const answeredCase = (body as { caseId?: unknown } | null)?.caseId;
    if (!note.caseId && typeof answeredCase === 'string') note.caseId = answeredCase;
    if (!object || typeof body !== 'object' || body === null) {
      if (note.action === 'read') note.fields = fieldNames(body);
      return json(body);
    }
    // An object, or a page of them under `items`.
    const list = Array.isArray((body as { items?: unknown }).items);
    const items: unknown[] = list ? (body as { items: unknown[] }).items : [body];
    const visible = new Set<string>();
    const filtered = items.map((item) => {
      const { value } = redact(object, roles, item);
      for (const field of personalFieldsOf(value)) visible.add(field);
      return value;
    });
    note.fields = note.action === 'read' ? [...visible].sort() : note.fields;
    return json(list ? { ...(body as object), items: filtered } : filtered[0]);
  };
}

/** `personal.names`, `personal.birthDate`…: the personal fields an answer carries. */
function personalFieldsOf(value: unknown): string[] {
  const personal = (value as { personal?: unknown } | null)?.personal;
  return typeof personal === 'object' && personal !== null ? Object.keys(personal).map((k) => `personal.${k}`) : [];
}
