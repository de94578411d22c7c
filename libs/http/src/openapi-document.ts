import { z } from 'zod';
import type { ObjectScope, Permission, PolicyObject } from '@homeward/auth';
import type { RouteSchemas } from './route.handler';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What the OpenAPI document says of one operation, beside the request schemas. */
export interface OperationDoc extends RouteSchemas {
  readonly summary: string;
  /**
   * The permission a caller needs (libs/auth GRANTS say which roles hold
   * it). A route without one answers 403 to everybody: default deny.
   */
  readonly permission?: Permission;
  /**
   * A route that answers without a bearer token (the signed unsubscribe
   * link): it checks its own proof, has no caller and no permission, and must
   * be mounted before authentication (ServiceDefinition.publicRoutes).
   */
  readonly public?: true;
  /**
   * The one object the path names, whose programme's participating agencies
   * alone may act on it (libs/auth AgencyGate.scope): a caller of another
   * agency gets the 404 of an object that does not exist, before validation
   * and before the handler.
   */
  readonly scope?: ObjectScope;
  /** The object the answer is (or lists under `items`) whose personal fields are redacted per role (libs/auth FIELD_POLICY). */
  readonly fields?: PolicyObject;
  /** Status → schema of the JSON body (or a description for non-JSON responses). */
  readonly responses: Readonly<Record<number, z.ZodType | { description: string; contentType: string }>>;
  readonly tags?: readonly string[];
  /**
   * Request bodies by media type, for a route that parses its own body (a
   * bulk import in JSON or CSV): documented only, route() does not check them.
   */
  readonly requestBodies?: Readonly<Record<string, z.ZodType | { description: string }>>;
}

interface Registered {
  readonly method: HttpMethod;
  readonly path: string;
  readonly doc: OperationDoc;
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` names each invalid field, `rule` the business rule that refused.',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    rule: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status', 'detail'],
};

/** Parameters of an express path (`/cases/:caseId`) or query, from their zod object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(property.description ? { description: property.description } : {}),
    schema: property,
  }));
}

function requestContent(bodies: NonNullable<OperationDoc['requestBodies']>) {
  return Object.fromEntries(
    Object.entries(bodies).map(([type, body]) => [
      type,
      body instanceof z.ZodType ? { schema: jsonSchema(body, 'input') } : { schema: { type: 'string', description: body.description } },
    ]),
  );
}

/**
 * An OpenAPI 3.1 document built from the same zod schemas that validate the
 * requests, so the documentation cannot drift from what the service accepts.
 */
export class OpenApiDocument {
  private readonly operations: Registered[] = [];

  constructor(private readonly info: { title: string; version: string; description?: string }) {}

  add(method: HttpMethod, path: string, doc: OperationDoc): void {
    this.operations.push({ method, path, doc });
  }

  toJSON(): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const { method, path, doc } of this.operations) {
      const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const responses: Record<string, unknown> = {};
      for (const [status, body] of Object.entries(doc.responses)) {
        responses[status] =
          body instanceof z.ZodType
            ? { description: `HTTP ${status}`, content: { 'application/json': { schema: jsonSchema(body, 'output') } } }
            : { description: body.description, content: { [body.contentType]: {} } };
      }
      if (!doc.public) responses['401'] ??= { description: 'No valid bearer token (WWW-Authenticate says why).', content: { 'application/problem+json': { schema: problemSchema } } };
      if (!doc.public) responses['403'] ??= { description: 'The caller lacks the permission (`permission` names it).', content: { 'application/problem+json': { schema: problemSchema } } };
      for (const status of ['400', '404', '409', '412', '422']) {
        responses[status] ??= { description: 'Refused; nothing changed.', content: { 'application/problem+json': { schema: problemSchema } } };
      }
      paths[openApiPath] ??= {};
      paths[openApiPath][method] = {
        summary: doc.summary,
        operationId: `${method}${openApiPath.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
        ...(doc.tags ? { tags: doc.tags } : {}),
        'x-permission': doc.public ? 'public' : (doc.permission ?? 'undeclared'),
        ...(doc.fields ? { 'x-redacted-object': doc.fields } : {}),
        ...(doc.scope ? { 'x-agency-scope': { object: doc.scope.object, parameter: doc.scope.parameter } } : {}),
        security: doc.public ? [] : [{ bearerAuth: [] }],
        parameters: [...parameters(doc.params, 'path'), ...parameters(doc.query, 'query')],
        ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body, 'input') } } } } : {}),
        ...(doc.requestBodies ? { requestBody: { required: true, content: requestContent(doc.requestBodies) } } : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info: this.info,
      paths,
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    };
  }
}
