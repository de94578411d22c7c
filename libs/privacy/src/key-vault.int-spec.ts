import { randomBytes, randomUUID } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { testServers, uniqueName } from '@homeward/testing';
import { DATA_KEYS_COLLECTION, KeyVault } from './key-vault';
import { masterKeyRing } from './master-keys';
import { Privacy } from './privacy';
import { DataErasedError } from './privacy.errors';
import { ERASED } from './sealed-value';

describe('key vault and privacy layer on the real MongoDB-wire server', () => {
  let connection: Connection;
  const vaultDb = uniqueName('vault').replaceAll('-', '_');
  const oldMaster = { id: 'k1', key: randomBytes(32) };
  const newMaster = { id: 'k2', key: randomBytes(32) };
  const vault = (ring = masterKeyRing(oldMaster), cacheTtlMs = 60_000) => new KeyVault({ connection, databaseName: vaultDb, masterKeys: ring, cacheTtlMs });

  beforeAll(async () => {
    connection = await mongoose.createConnection(testServers.mongoUrl, { dbName: uniqueName('privacy'), retryWrites: false }).asPromise();
  });
  afterAll(async () => {
    await connection.useDb(vaultDb).dropDatabase();
    await connection.close();
  });

  it('seals a personal value per case and field, opens it from another service instance, and stores no plaintext key', async () => {
    const caseId = randomUUID();
    const writer = await new Privacy(vault()).init();
    const reader = await new Privacy(vault()).init();
    const sealed = await writer.seal(caseId, 'personal', { names: [{ given: 'Zarina', family: 'Qadirova' }] });
    expect(JSON.stringify(sealed)).not.toContain('Zarina');
    expect(await reader.open(caseId, 'personal', sealed)).toEqual({ names: [{ given: 'Zarina', family: 'Qadirova' }] });
    await expect(reader.open(randomUUID(), 'personal', sealed)).resolves.toBe(ERASED);
    await expect(reader.open(caseId, 'other', sealed)).rejects.toThrow(/does not open/);
    expect(writer.blind('t:zarina')).toBe(reader.blind('t:zarina'));
    const stored = await connection.useDb(vaultDb).collection(DATA_KEYS_COLLECTION).findOne({ _id: caseId as never });
    expect(stored).toMatchObject({ masterKeyId: 'k1', wrapped: expect.any(String) });
  });

  it('creates one key when many writers race for a new case, and many at once for an import', async () => {
    const caseId = randomUUID();
    const keys = await Promise.all(Array.from({ length: 6 }, () => vault().keyFor(caseId)));
    expect(new Set(keys.map((k) => k.toString('hex'))).size).toBe(1);
    const ids = Array.from({ length: 50 }, () => randomUUID());
    const v = vault();
    await v.prepare(ids);
    await v.prepare(ids.slice(0, 10));
    expect(await connection.useDb(vaultDb).collection(DATA_KEYS_COLLECTION).countDocuments({ _id: { $in: ids as never[] } })).toBe(50);
  });

  it('erases a child: the key is gone for every instance once its cache expires, and no new key can be made', async () => {
    const caseId = randomUUID();
    const writer = await new Privacy(vault()).init();
    const sealed = await writer.seal(caseId, 'personal', { secret: 1 });
    const otherService = await new Privacy(vault(masterKeyRing(oldMaster), 0)).init();
    expect(await otherService.open(caseId, 'personal', sealed)).toEqual({ secret: 1 });
    await writer.erase(caseId);
    expect(await writer.open(caseId, 'personal', sealed)).toBe(ERASED);
    expect(await otherService.open(caseId, 'personal', sealed)).toBe(ERASED);
    await expect(writer.seal(caseId, 'personal', { secret: 2 })).rejects.toBeInstanceOf(DataErasedError);
    await expect(vault().keyFor(caseId)).rejects.toBeInstanceOf(DataErasedError);
  });

  it('rotates the master key: every data key is re-wrapped, old and new keys open during the change, and data stays readable', async () => {
    const caseId = randomUUID();
    const before = await new Privacy(vault()).init();
    const sealed = await before.seal(caseId, 'personal', 'Qadirova');
    const blinded = before.blind('t:qadirova');
    const rotating = vault(masterKeyRing(newMaster, [oldMaster]));
    expect(await rotating.rotate()).toBeGreaterThan(0);
    expect(await rotating.rotate()).toBe(0);
    const after = await new Privacy(vault(masterKeyRing(newMaster))).init();
    expect(await after.open(caseId, 'personal', sealed)).toBe('Qadirova');
    expect(after.blind('t:qadirova')).toBe(blinded);
    await expect(vault(masterKeyRing(oldMaster), 0).keyFor(caseId)).rejects.toThrow(/master key k2, which is not configured/);
  });
});
