import { ConflictError, RuleViolationError, TransientError } from '@homeward/errors';
import pino from 'pino';
import { pinoHttp } from 'pino-http';
import { expectProblem, postJson, serveTestApp, type TestServer } from './test-server.spec-helper';

describe('createHttpApp', () => {
  let server: TestServer;
  let dependencyUp = true;

  beforeAll(async () => {
    server = await serveTestApp({
      readiness: [
        { name: 'mongodb', check: async () => undefined },
        {
          name: 'kafka',
          check: async () => {
            if (!dependencyUp) throw new Error('broker at 10.0.0.7:9092 unreachable');
          },
        },
      ],
      configure: (app) => {
        app.get('/rule', () => {
          throw new RuleViolationError('escort-ratio', 'One escort per five children is required.');
        });
        app.get('/conflict', async () => {
          throw new ConflictError('A closed case cannot be placed on hold.', { from: 'closed' });
        });
        app.get('/transient', async () => {
          throw new TransientError('mongodb://db-7.internal timed out');
        });
        app.post('/boom', async () => {
          await Promise.resolve();
          throw new Error('secret internals: Amina Petrova');
        });
        app.get('/cases/:caseId', (req, res) => {
          res.json({ caseId: req.params['caseId'] });
        });
        app.get('/sync-boom', () => {
          throw new TypeError('sync internals');
        });
      },
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    dependencyUp = true;
  });

  it('answers liveness while serving', async () => {
    const response = await fetch(`${server.url}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'live', service: 'test-service' });
  });

  it('names its instance on both probes when given one, so a launcher can tell its process from another on the port', async () => {
    const named = await serveTestApp({ instance: 'instance-7f3a' });
    try {
      expect(await (await fetch(`${named.url}/health/live`)).json()).toEqual({ status: 'live', service: 'test-service', instance: 'instance-7f3a' });
      expect(await (await fetch(`${named.url}/health/ready`)).json()).toMatchObject({ status: 'ready', instance: 'instance-7f3a' });
    } finally {
      await named.close();
    }
  });

  it('is ready when every check passes', async () => {
    const response = await fetch(`${server.url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      service: 'test-service',
      checks: { mongodb: 'up', kafka: 'up' },
    });
  });

  it('answers 503 naming the failing check, without its error message', async () => {
    dependencyUp = false;
    const response = await fetch(`${server.url}/health/ready`);
    const problem = await expectProblem(response, 503, 'not-ready');
    expect(problem).toMatchObject({
      detail: 'Readiness checks failing: kafka',
      checks: { mongodb: 'up', kafka: 'down' },
      failing: ['kafka'],
    });
    expect(JSON.stringify(problem)).not.toContain('10.0.0.7');
    expect(server.logs).toContainEqual(expect.objectContaining({ check: 'kafka', outcome: 'down' }));
  });

  it('echoes a sane incoming x-request-id and replaces an unsafe one', async () => {
    const echoed = await fetch(`${server.url}/health/live`, { headers: { 'x-request-id': 'abc-123.x:y' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123.x:y');

    const unsafe = await fetch(`${server.url}/health/live`, { headers: { 'x-request-id': 'bad id\t<script>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const generated = await fetch(`${server.url}/health/live`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets helmet security headers and hides the framework', async () => {
    const response = await fetch(`${server.url}/health/live`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await fetch(`${server.url}/nowhere?name=secret`);
    const problem = await expectProblem(response, 404, 'not-found');
    expect(problem).toMatchObject({ title: 'Not found', instance: '/nowhere' });
  });

  it('maps RuleViolationError to 422 with the rule', async () => {
    const problem = await expectProblem(await fetch(`${server.url}/rule`), 422, 'rule-violated');
    expect(problem).toMatchObject({ rule: 'escort-ratio', detail: 'One escort per five children is required.' });
  });

  it('maps ConflictError from an async handler to 409 with its details', async () => {
    const problem = await expectProblem(await fetch(`${server.url}/conflict`), 409, 'conflict');
    expect(problem).toMatchObject({ detail: 'A closed case cannot be placed on hold.', from: 'closed' });
  });

  it('maps a TransientError to 503 without its internal message', async () => {
    const problem = await expectProblem(await fetch(`${server.url}/transient`), 503, 'temporarily-unavailable');
    expect(JSON.stringify(problem)).not.toContain('db-7');
  });

  it('answers an unexpected async error with a generic 500 and logs the error, not the body', async () => {
    const response = await postJson(`${server.url}/boom`, { guardian: 'Zarina Ivanova' });
    const problem = await expectProblem(response, 500, 'internal-error');
    expect(JSON.stringify(problem)).not.toContain('secret internals');

    const entry = server.logs.find((line) => line['requestId'] === problem['requestId']);
    expect(entry).toMatchObject({ level: 50, err: { message: 'secret internals: Amina Petrova' } });
    expect(JSON.stringify(server.logs)).not.toContain('Zarina');
  });

  it('never answers with express default HTML', async () => {
    const response = await fetch(`${server.url}/sync-boom`);
    await expectProblem(response, 500, 'internal-error');

    const badEncoding = await fetch(`${server.url}/cases/%E0%A4%A`);
    await expectProblem(badEncoding, 400, 'bad-request');
  });
});

describe('createHttpApp readiness timeout', () => {
  it('reports a check that hangs as timed out after the bound', async () => {
    let aborted = false;
    const server = await serveTestApp({
      readinessTimeoutMs: 50,
      readiness: [
        {
          name: 'smtp',
          check: (signal) =>
            new Promise((_resolve, reject) =>
              signal.addEventListener('abort', () => {
                aborted = true;
                reject(new Error('aborted'));
              }),
            ),
        },
      ],
    });
    try {
      const problem = await expectProblem(await fetch(`${server.url}/health/ready`), 503, 'not-ready');
      expect(problem).toMatchObject({ checks: { smtp: 'timeout' }, failing: ['smtp'] });
      expect(aborted).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('refuses duplicate check names up front', async () => {
    await expect(
      serveTestApp({
        readiness: [
          { name: 'db', check: async () => undefined },
          { name: 'db', check: async () => undefined },
        ],
      }),
    ).rejects.toThrow(/unique/);
  });
});

describe('createHttpApp request logging', () => {
  it('hands the request id to a pino-http request logger, and skips the probes', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const accessLog = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const server = await serveTestApp({
      requestLogger: pinoHttp({ logger: accessLog }),
      configure: (app) => app.get('/cases', (_req, res) => res.json([])),
    });
    try {
      await fetch(`${server.url}/health/live`);
      const response = await fetch(`${server.url}/cases`, { headers: { 'x-request-id': 'req-42' } });
      expect(response.status).toBe(200);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ req: { id: 'req-42', url: '/cases' }, res: { statusCode: 200 } });
    } finally {
      await server.close();
    }
  });
});
