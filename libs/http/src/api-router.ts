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

/**
 * Registers each route on express with its validation and in the service's
 * OpenAPI document at once; the document is served at `/openapi.json`.
 */
export function createApiRouter(app: Express, info: { title: string; version: string; description?: string }): ApiRouter {
  const document = new OpenApiDocument(info);
  app.get('/openapi.json', (_req, res) => void res.json(document.toJSON()));
  const register =
    (method: HttpMethod) =>
    <const D extends OperationDoc>(path: string, doc: D, handler: RouteHandler<D>) => {
      document.add(method, path, doc);
      app[method](path, route(doc, handler));
    };
  return {
    document,
    get: register('get'),
    post: register('post'),
    put: register('put'),
    patch: register('patch'),
    delete: register('delete'),
  };
}
