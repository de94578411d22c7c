import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { testServers, uniqueName } from '@homeward/testing';
import { ERASURE_LEDGER_COLLECTION } from './erasure-ledger';
import { DATA_KEYS_COLLECTION, KeyVault } from './key-vault';
import { masterKeyRing } from './master-keys';
import { Privacy } from './privacy';
import { ERASED } from './sealed-value';

/**
 * A backup of the key vault taken before an erasure, restored after it,
 * holds the erased child's key again: the erasure ledger is what shreds it
 * once more. A restore is played here as mongorestore --drop does it: the
 * collection's documents replaced by the backup's.
 */
describe('the erasure ledger on the real MongoDB-wire server', () => {
  let connection: Connection;
  const master = masterKeyRing({ id: 'k1', key: randomBytes(32) });
  const databases: string[] = [];
  const newVault = () => {
    const databaseName = uniqueName('ledger').replaceAll('-', '_');
    databases.push(databaseName);
    return { databaseName, vault: new KeyVault({ connection, databaseName, masterKeys: master, cacheTtlMs: 0 }) };
  };
  const collection = (db: string, name: string) => connection.useDb(db).collection(name);
  const backup = async (db: string, name: string) => collection(db, name).find({}).toArray();
  const restore = async (db: string, name: string, documents: Awaited<ReturnType<typeof backup>>) => {
    await collection(db, name).deleteMany({});
    if (documents.length > 0) await collection(db, name).insertMany(documents);
  };

  beforeAll(async () => {
    connection = await mongoose.createConnection(testServers.mongoUrl, { dbName: uniqueName('ledger'), retryWrites: false }).asPromise();
  });
  afterAll(async () => {
    for (const db of databases) await connection.useDb(db).dropDatabase();
    await connection.close();
  });

  it('shreds again the key of a child erased after the backup that was restored, and no other', async () => {
    const { databaseName, vault } = newVault();
    const privacy = await new Privacy(vault).init();
    const [erased, kept] = [randomUUID(), randomUUID()];
    const sealedErased = await privacy.seal(erased, 'personal', { name: 'Amina' });
    const sealedKept = await privacy.seal(kept, 'personal', { name: 'Yusuf' });
    const keysBackup = await backup(databaseName, DATA_KEYS_COLLECTION);

    await privacy.erase(erased);
    expect(await privacy.open(erased, 'personal', sealedErased)).toBe(ERASED);
    // The ledger holds the id and the time, nothing else.
    expect(await backup(databaseName, ERASURE_LEDGER_COLLECTION)).toEqual([{ _id: erased, erasedAt: expect.any(Date) }]);

    await restore(databaseName, DATA_KEYS_COLLECTION, keysBackup);
    // What the ledger is for: the restored vault opens the erased child's data again.
    expect(await privacy.open(erased, 'personal', sealedErased)).toEqual({ name: 'Amina' });

    expect(await vault.reapplyErasures()).toEqual([erased]);
    expect(await privacy.open(erased, 'personal', sealedErased)).toBe(ERASED);
    expect(await privacy.open(kept, 'personal', sealedKept)).toEqual({ name: 'Yusuf' });
    expect(await vault.reapplyErasures()).toEqual([]);
  });

  it('shreds a key the backup had not yet, so that no new key is ever made for the child', async () => {
    const { databaseName, vault } = newVault();
    const privacy = await new Privacy(vault).init();
    const emptyBackup = await backup(databaseName, DATA_KEYS_COLLECTION);
    const child = randomUUID();
    await privacy.seal(child, 'personal', { name: 'Musa' });
    await privacy.erase(child);
    await restore(databaseName, DATA_KEYS_COLLECTION, emptyBackup);
    expect(await vault.reapplyErasures()).toEqual([child]);
    await expect(vault.keyFor(child)).rejects.toThrow(`the data of ${child} was erased`);
  });

  it('takes back the erasures of an exported ledger when the restore took the ledger back too', async () => {
    const { databaseName, vault } = newVault();
    const privacy = await new Privacy(vault).init();
    const early = randomUUID();
    const late = randomUUID();
    const sealedLate = await privacy.seal(late, 'personal', { name: 'Leyla' });
    await privacy.erase(early);
    const [keysBackup, ledgerBackup] = [await backup(databaseName, DATA_KEYS_COLLECTION), await backup(databaseName, ERASURE_LEDGER_COLLECTION)];
    await privacy.erase(late);
    const exported = await vault.ledger.entries();
    expect(exported.map((e) => e.id)).toEqual([early, late]);

    await restore(databaseName, DATA_KEYS_COLLECTION, keysBackup);
    await restore(databaseName, ERASURE_LEDGER_COLLECTION, ledgerBackup);
    // The restored ledger alone knows only the early erasure.
    expect(await vault.reapplyErasures()).toEqual([]);
    expect(await privacy.open(late, 'personal', sealedLate)).toEqual({ name: 'Leyla' });

    expect(await vault.ledger.merge(exported)).toBe(1);
    expect(await vault.reapplyErasures()).toEqual([late]);
    expect(await privacy.open(late, 'personal', sealedLate)).toBe(ERASED);
  });
});
