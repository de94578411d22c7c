import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort, locateServers, startOwnServer, type OwnServer } from '@homeward/testing';

/**
 * Every write the database acknowledged survives a SIGKILL of the database,
 * on a server of its own started exactly as servers.sh starts the shared one.
 * SecantusDB without --sync-on-commit acknowledged writes before its log was
 * on disk and lost all of them here (0 of 212 after the restart).
 */
describe('acknowledged writes survive a SIGKILL of the database', () => {
  let dir: string;
  let server: OwnServer | undefined;

  const start = async (port: number) =>
    startOwnServer(
      locateServers().secantusBin,
      ['--host=127.0.0.1', `--port=${port}`, `--storage-path=${join(dir, 'wt')}`, '--cache-size=256M', '--sync-on-commit'],
      { logFile: join(dir, 'secantus.log'), ready: /listening|waiting for connections/i, timeoutMs: 60_000 },
    );

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'homeward-durability-'));
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds every acknowledged insert and update after the restart', async () => {
    const port = await freePort();
    server = await start(port);
    const url = `mongodb://127.0.0.1:${port}/?directConnection=true`;
    const client = await MongoClient.connect(url, { maxPoolSize: 8 });
    const docs = client.db('durability').collection<{ _id: string; n: number }>('docs');
    const acknowledged: string[] = [];
    // Eight writers, one acknowledged write after another, then the kill at
    // once: whatever the server said was written must be there afterwards.
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 30; i++) {
          const _id = `w${w}-${i}`;
          await docs.insertOne({ _id, n: 0 });
          await docs.updateOne({ _id }, { $set: { n: 1 } });
          acknowledged.push(_id);
        }
      }),
    );
    const killed = new Promise((resolve) => server!.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await killed;
    await client.close(true).catch(() => undefined);

    server = await start(port);
    const again = await MongoClient.connect(url);
    try {
      const found = await again.db('durability').collection<{ _id: string; n: number }>('docs').find({}).toArray();
      expect(found).toHaveLength(acknowledged.length);
      expect(found.filter((d) => d.n === 1)).toHaveLength(acknowledged.length);
      expect(new Set(found.map((d) => d._id))).toEqual(new Set(acknowledged));
    } finally {
      await again.close();
    }
  });
});
