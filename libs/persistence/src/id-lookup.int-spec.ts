import { MongoClient, type Db } from 'mongodb';
import { testServers, uniqueName } from '@homeward/testing';

/**
 * Every store here reads, replaces and deletes by _id and nothing else, on the
 * promise that the server answers those from its _id index. FerretDB 1.24 on
 * SQLite broke that promise (its lookup expression did not match its index, so
 * each one scanned the table); infra/scripts/lib/ferretdb.sh builds it with the
 * fix. This asks the running server how it plans the lookups the stores make.
 */
describe('lookups by _id on the MongoDB-wire server', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await MongoClient.connect(testServers.mongoUrl);
    db = client.db(uniqueName('idlookup'));
    await db.collection('commits').insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `case-${i}:0000000001` as never, n: i })));
  });

  afterAll(async () => {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  });

  // FerretDB explains find only (count, update and delete come out as a bare
  // scan whatever their filter), but its updates and deletes select their
  // documents by the same _id expression as this find.
  it('finds one document through the _id index, not a scan of the collection', async () => {
    const explained = (await db.command({ explain: { find: 'commits', filter: { _id: 'case-7:0000000001' } }, verbosity: 'queryPlanner' })) as {
      serverInfo?: { ferretdbVersion?: string };
    };
    const text = JSON.stringify(explained);
    if (explained.serverInfo?.ferretdbVersion) {
      expect(text).toMatch(/SEARCH commits_[0-9a-f]+ USING INDEX commits_[0-9a-f]+__id_/);
      expect(text).not.toMatch(/detail=SCAN/);
    } else {
      expect(text).toMatch(/IDHACK|EXPRESS_IXSCAN|IXSCAN/);
    }
  });

  it('still answers the lookups with the right documents', async () => {
    const commits = db.collection<{ _id: string; n: number }>('commits');
    expect(await commits.findOne({ _id: 'case-9:0000000001' })).toEqual({ _id: 'case-9:0000000001', n: 9 });
    expect(await commits.findOne({ _id: 'case-9' })).toBeNull();
    expect((await commits.updateOne({ _id: 'case-10:0000000001' }, { $set: { n: 100 } })).modifiedCount).toBe(1);
    expect(await commits.findOne({ _id: 'case-10:0000000001' })).toEqual({ _id: 'case-10:0000000001', n: 100 });
    expect((await commits.replaceOne({ _id: 'case-11:0000000001' }, { n: 110 })).modifiedCount).toBe(1);
    expect((await commits.deleteOne({ _id: 'case-12:0000000001' })).deletedCount).toBe(1);
    expect(await commits.countDocuments({ _id: 'case-12:0000000001' })).toBe(0);
    expect(await commits.countDocuments({})).toBe(49);
    await expect(commits.insertOne({ _id: 'case-13:0000000001', n: 0 })).rejects.toMatchObject({ code: 11000 });
  });
});
