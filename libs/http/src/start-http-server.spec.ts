import { connect } from 'node:net';
import { expectProblem, serveTestApp } from './test-server.spec-helper';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Opens a fresh TCP connection (fetch would reuse a pooled one) and reports how it ended. */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('startHttpServer', () => {
  it('lets an in-flight request finish, refuses new connections, then resolves close()', async () => {
    const entered = deferred();
    const release = deferred();
    const server = await serveTestApp({
      configure: (app) => {
        app.get('/slow', async (_req, res) => {
          entered.resolve();
          await release.promise;
          res.json({ finished: true });
        });
      },
    });
    // An idle keep-alive connection must not hold the close up for this long.
    server.handle.server.keepAliveTimeout = 60_000;
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);

    const slow = fetch(`${server.url}/slow`);
    await entered.promise;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    expect(server.close()).toBe(server.close());

    expect(await connectOutcome(server.handle.port)).toBe('ECONNREFUSED');
    expect(closed).toBe(false);

    release.resolve();
    const response = await slow;
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ finished: true });
    await closing;
    expect(server.handle.server.listening).toBe(false);
  });

  it('answers readiness with 503 as soon as close begins', async () => {
    const server = await serveTestApp({}, { unreadyGraceMs: 1_000 });
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);

    const closing = server.close();
    const response = await fetch(`${server.url}/health/ready`);
    const problem = await expectProblem(response, 503, 'not-ready');
    expect(problem).toMatchObject({ shuttingDown: true, detail: 'test-service is shutting down' });
    expect(response.headers.get('connection')).toBe('close');
    await closing;
  });

  it('cuts requests that outlast the drain timeout', async () => {
    const entered = deferred();
    const server = await serveTestApp(
      {
        configure: (app) => {
          app.get('/stuck', async () => {
            entered.resolve();
            await new Promise(() => undefined);
          });
        },
      },
      { drainTimeoutMs: 100 },
    );
    const stuck = fetch(`${server.url}/stuck`);
    await entered.promise;
    await server.close();
    await expect(stuck).rejects.toThrow();
    expect(server.logs).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('drain timed out') }));
  });

  it('rejects when the port is taken', async () => {
    const first = await serveTestApp({});
    try {
      await expect(serveTestApp({}, { port: first.handle.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
