import type { Express } from 'express';
import { OpenApiDocument, type HttpMethod, type OperationDoc } from './openapi-document';
import { route, type RouteHandler } from './route.handler';

export interface ApiRouter {
  readonly document: OpenApiDocument;
  get<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  post<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  put<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  patch<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
  delete<const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>): void;
}

const ROUTER_KEY = 'homewardApiRouter';

/**
 * Registers each route on express with its validation and in the service's
 * OpenAPI document at once; the document is served at `/openapi.json`.
 * Called again on the same app (a second module of one service), it returns
 * the same router, so the service keeps one document with every route.
 */
export function createApiRouter(app: Express, info: { title: string; version: string; description?: string }): ApiRouter {
  const existing = app.locals[ROUTER_KEY] as ApiRouter | undefined;
  if (existing) return existing;
  const document = new OpenApiDocument(info);
  app.get('/openapi.json', (_req, res) => void res.json(document.toJSON()));
  const register =
    (method: HttpMethod) =>
    <const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>) => {
      document.add(method, path, doc);
      app[method](path, route(doc, handler));
    };
  const router: ApiRouter = {
    document,
    get: register('get'),
    post: register('post'),
    put: register('put'),
    patch: register('patch'),
    delete: register('delete'),
  };
  app.locals[ROUTER_KEY] = router;
  return router;
}
