import type { Express } from 'express';
import pino from 'pino';
import { createHttpApp, type HttpAppOptions } from './create-http-app';
import { startHttpServer, type HttpServerHandle, type HttpServerOptions } from './start-http-server';

export interface TestServer {
  readonly url: string;
  readonly handle: HttpServerHandle;
  /** Parsed lines the app's real pino logger wrote. */
  readonly logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** A real app on an ephemeral loopback port, logging into memory. */
export async function serveTestApp(
  options: Partial<HttpAppOptions> & { configure?: (app: Express) => void },
  serverOptions: Partial<HttpServerOptions> = {},
): Promise<TestServer> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const app = createHttpApp({
    serviceName: 'test-service',
    readiness: [],
    configure: () => undefined,
    // The http lib's own tests are about the envelope; authentication is the auth lib's.
    authenticate: (_req, _res, next) => next(),
    ...options,
    logger,
  });
  const handle = await startHttpServer(app, { port: 0, host: '127.0.0.1', logger, ...serverOptions });
  return { url: `http://127.0.0.1:${handle.port}`, handle, logs, close: () => handle.close() };
}

export function postJson(url: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ type: `https://homeward.example/problems/${code}`, status });
  expect(problem['requestId']).toBe(response.headers.get('x-request-id'));
  return problem;
}
