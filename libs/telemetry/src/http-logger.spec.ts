import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpLogger } from './http-logger';
import { createLogger } from './logger';
import { captureLogLines } from './test-support/log-capture';

const REQUEST_ID_HEADER = 'x-request-id';

describe('createHttpLogger', () => {
  let server: Server;
  let base: string;
  const capture = captureLogLines();

  beforeAll(async () => {
    const httpLogger = createHttpLogger(createLogger('intake', 'info', capture.stream));
    server = createServer((req, res) => {
      httpLogger(req, res);
      req.resume();
      req.on('end', () => {
        res.statusCode = req.url?.startsWith('/missing') ? 404 : 201;
        res.end(JSON.stringify({ names: 'Amina' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => capture.lines.splice(0));

  it('logs method, path, status, duration and request id, never query, headers or body', async () => {
    const response = await fetch(`${base}/cases/search?name=Amina&dob=2014`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token', 'content-type': 'application/json' },
      body: JSON.stringify({ names: 'Amina' }),
    });
    expect(response.status).toBe(201);
    const requestId = response.headers.get(REQUEST_ID_HEADER);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    const [line] = capture.lines;
    expect(line).toMatchObject({
      level: 'info',
      service: 'intake',
      msg: 'request completed',
      req: { id: requestId, method: 'POST', path: '/cases/search' },
      res: { statusCode: 201 },
    });
    expect(typeof line!.durationMs).toBe('number');
    const text = JSON.stringify(line);
    for (const secret of ['Amina', '2014', 'secret-token', 'authorization', 'name=']) expect(text).not.toContain(secret);
  });

  it('keeps a safe request id from the caller and replaces an unsafe one', async () => {
    const kept = await fetch(`${base}/cases`, { headers: { [REQUEST_ID_HEADER]: 'abc-123' } });
    expect(kept.headers.get(REQUEST_ID_HEADER)).toBe('abc-123');
    const replaced = await fetch(`${base}/cases`, { headers: { [REQUEST_ID_HEADER]: 'x"}\u00e9'.repeat(3) } });
    expect(replaced.headers.get(REQUEST_ID_HEADER)).not.toContain('"');
    expect(capture.lines.map((l) => (l.req as { id: string }).id)).toEqual(['abc-123', replaced.headers.get(REQUEST_ID_HEADER)]);
  });

  it('logs a 4xx as a warning', async () => {
    await fetch(`${base}/missing?email=a@example.org`);
    expect(capture.lines[0]).toMatchObject({ level: 'warn', req: { path: '/missing' }, res: { statusCode: 404 } });
  });
});
