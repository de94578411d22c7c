import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApiClient } from './api-client';

/** A small real HTTP server answering from a queue of canned responses, recording each request. */
function cannedServer() {
  const answers: { status: number; body: unknown; type?: string }[] = [];
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const answer = answers.shift() ?? { status: 500, body: { title: 'no canned answer' } };
      res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return { server, answers, seen };
}

describe('createApiClient', () => {
  const { server, answers, seen } = cannedServer();
  let baseUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers.length = 0;
    seen.length = 0;
  });

  it('sends JSON with a request id and, once there is one, the bearer token', async () => {
    answers.push({ status: 201, body: { caseId: 'c1' } });
    const client = createApiClient({ service: 'intake', baseUrl, accessToken: (actor) => `token-of-${actor.userId}`, requestIdPrefix: 'scenario-abc' });
    await expect(client.post('/cases', { a: 1 }, { userId: '1' })).resolves.toEqual({ caseId: 'c1' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/prefix/cases', body: '{"a":1}' });
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer token-of-1', 'content-type': 'application/json' });
    expect(seen[0]!.headers['x-request-id']).toMatch(/^scenario-abc-[0-9a-f-]{36}$/);
  });

  it('sends a command with the token of the acting person, a read with the reader\'s', async () => {
    answers.push({ status: 200, body: {} }, { status: 200, body: {} });
    const tokens = { 'legal-officer-1': 'officer-token', 'reader-1': 'reader-token' } as Record<string, string>;
    const client = createApiClient({ service: 'legal', baseUrl, accessToken: (actor) => tokens[actor.userId], reader: { userId: 'reader-1' } });
    await client.post('/legal-files/x/clearance-request', undefined, { userId: 'legal-officer-1', roles: ['legal-officer'] });
    await client.get('/legal-files/x');
    expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer officer-token' });
    expect(seen[1]!.headers).toMatchObject({ authorization: 'Bearer reader-token' });
    expect(seen[0]!.headers['content-type']).toBeUndefined();
    expect(seen[0]!.body).toBe('');
  });

  it('fetches a document as bytes with its media type', async () => {
    answers.push({ status: 200, body: 'seat,caseId', type: 'text/csv; charset=utf-8' });
    const document = await createApiClient({ service: 'logistics', baseUrl }).getDocument('/movements/m/manifest.csv');
    expect(document.contentType).toBe('text/csv; charset=utf-8');
    expect(document.body.toString()).toBe('"seat,caseId"');
  });

  it('lists every rule of a refusal that names several', async () => {
    answers.push({
      status: 422,
      type: 'application/problem+json',
      body: {
        title: 'Business rule violated',
        rule: 'case-cleared',
        violations: [
          { rule: 'case-cleared', caseId: 'a', message: 'case a has not been cleared' },
          { rule: 'escort-ratio', message: '6 children need 2 escorts' },
        ],
      },
    });
    const error = (await createApiClient({ service: 'logistics', baseUrl }).post('/movements/m/assignments', {}).catch((e: unknown) => e)) as ApiError;
    expect(error.rules).toEqual(['case-cleared', 'escort-ratio']);
    expect(error.message).toContain('escort-ratio: 6 children need 2 escorts');
  });

  it('sends no authorization header without a token', async () => {
    answers.push({ status: 200, body: {} });
    await createApiClient({ service: 'legal', baseUrl }).get('/legal-files/x');
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('turns a problem+json answer into an ApiError that names the rule and the request', async () => {
    answers.push({
      status: 422,
      type: 'application/problem+json',
      body: { title: 'Business rule violated', status: 422, detail: 'case x has not been cleared', rule: 'case-cleared', requestId: 'r-1' },
    });
    const error = await createApiClient({ service: 'logistics', baseUrl }).post('/movements/m/assignments', { caseId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, rule: 'case-cleared', retriable: false });
    expect((error as ApiError).message).toBe(
      'logistics POST /movements/m/assignments → 422 — Business rule violated — case x has not been cleared — rule case-cleared — request r-1',
    );
  });

  it('lists the fields a 400 names', async () => {
    answers.push({ status: 400, body: { title: 'Request validation failed', errors: [{ field: '/names/0/script', message: 'Invalid option' }] } });
    await expect(createApiClient({ service: 'intake', baseUrl }).post('/cases', {})).rejects.toThrow('/names/0/script: Invalid option');
  });

  it('retries a GET through a 503 but never a POST', async () => {
    answers.push({ status: 503, body: { title: 'Service not ready' } }, { status: 200, body: { ok: true } });
    await expect(createApiClient({ service: 'intake', baseUrl }).get('/health/ready')).resolves.toEqual({ ok: true });
    expect(seen).toHaveLength(2);

    answers.push({ status: 503, body: { title: 'Service not ready' } });
    await expect(createApiClient({ service: 'intake', baseUrl }).post('/cases', {})).rejects.toMatchObject({ status: 503, retriable: true });
    expect(seen).toHaveLength(3);
  });

  it('reports a service that does not answer as status 0', async () => {
    const error = await createApiClient({ service: 'notification', baseUrl: 'http://127.0.0.1:1', getRetryMs: 0 }).post('/x', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, retriable: true });
    expect((error as Error).message).toMatch(/^notification POST \/x: no answer/);
  });
});
