import { createServer } from 'node:net';
import { freeFixedPort, freePort } from './free-port';

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

describe('free ports', () => {
  it('gives a restartable server a port below the ephemeral range, free to bind', async () => {
    const port = await freeFixedPort();
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(32_000);
    expect(await bindable(port)).toBe(true);
  });

  it('never gives a port that is taken', async () => {
    const port = await freeFixedPort();
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(port, '127.0.0.1', resolve));
    try {
      expect(await freeFixedPort(port, port + 1).catch((e: Error) => e.message)).toBe(`no free port between ${port} and ${port + 1}`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    expect(await bindable(await freePort())).toBe(true);
  });
});
