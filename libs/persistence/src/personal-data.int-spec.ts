import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { createPrivacy, DEVELOPMENT_MASTER_KEY, masterKeyRing, type Privacy } from '@homeward/privacy';
import { testServers, uniqueName } from '@homeward/testing';
import { AggregateStore } from './aggregate.store';
import { connectMongo } from './mongo-connection';
import { aggregateModel } from './outbox.plugin';
import { OutboxStore } from './outbox.store';
import type { PendingEvent } from './pending-event';
import { usePersonalDataCodec } from './personal-data.codec';

interface Child {
  label: string;
  personal: { name: string; born: string };
  searchKeys: string[];
}

const NAME = 'Zuleikha Testovna-Qadirova';

describe('aggregates seal their personal fields with the privacy codec', () => {
  let connection: Connection;
  let privacy: Privacy;
  let store: AggregateStore<Child>;
  const vaultDb = uniqueName('vault').replaceAll('-', '_');

  beforeAll(async () => {
    connection = await connectMongo({ url: testServers.mongoUrl, dbName: uniqueName('sealed') });
    privacy = await createPrivacy(connection, { masterKeys: masterKeyRing(DEVELOPMENT_MASTER_KEY), keyVaultDb: vaultDb, cacheTtlMs: 0 });
    usePersonalDataCodec(connection, privacy);
    const schema = new Schema({ _id: String, label: String, personal: Schema.Types.Mixed, searchKeys: [String] }, { collection: 'children', versionKey: false });
    store = new AggregateStore<Child>(aggregateModel<Child>('Child', schema, { sealed: ['personal'], blinded: ['searchKeys'] })(connection));
  });
  afterAll(async () => {
    await connection.useDb(vaultDb).dropDatabase();
    await connection.dropDatabase();
    await connection.close();
  });

  const event = (caseId: string): PendingEvent => ({
    id: randomUUID(),
    type: 'child.noted.v1',
    topic: 'homeward.test.v1',
    key: caseId,
    source: '/homeward/test',
    subject: caseId,
    time: new Date().toISOString(),
    dataschema: 'https://homeward.example/schemas/test.json',
    correlationid: caseId,
    data: { caseId, personal: { name: NAME } },
    trace: {},
  });

  it('writes no plaintext to the stored state or its outbox, and reads it back plain', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'a', personal: { name: NAME, born: '2014-02-03' }, searchKeys: ['t:zuleikha'] }, [event(id)]);
    const updated = await store.update(id, 1, { label: 'b' }, [event(id)]);
    expect(updated.personal).toEqual({ name: NAME, born: '2014-02-03' });

    // The document holds the state and, until the relay takes them, the events.
    const stored = JSON.stringify(await store.model.collection.findOne({ _id: id } as never));
    expect(stored).toContain('child.noted.v1');
    expect(stored).not.toContain('Zuleikha');
    expect(stored).not.toContain('2014-02-03');
    expect(stored).not.toContain('t:zuleikha');
    expect(stored).toContain(privacy.blind('t:zuleikha'));

    const [batch] = (await new OutboxStore(store.model as unknown as Model<never>).pending(100)).filter((b) => b.aggregateId === id);
    expect(JSON.stringify(batch!.events)).not.toContain('Zuleikha');
    const opened = await privacy.open(id, 'data.personal', (batch!.events[0]!.data as { personal: unknown }).personal);
    expect(opened).toEqual({ name: NAME });

    expect((await store.get(id)).personal).toEqual({ name: NAME, born: '2014-02-03' });
    // Lists and searches read the current state through mongoose: opened on the way out, found by blinded key.
    const listed = await store.model.find({ searchKeys: privacy.blind('t:zuleikha') }).lean().exec();
    expect(listed.map((d) => [d._id, d.personal])).toEqual([[id, { name: NAME, born: '2014-02-03' }]]);
  });

  it('shows an erased child as erased, everywhere its data was copied', async () => {
    const id = randomUUID();
    await store.create(id, { label: 'c', personal: { name: NAME, born: '2015-01-01' }, searchKeys: [] }, [event(id)]);
    await privacy.erase(id);
    expect((await store.get(id)).personal).toEqual({ erased: true });
    expect((await store.model.findById(id).lean().exec())?.personal).toEqual({ erased: true });
    await expect(store.update(id, 1, { label: 'd' }, [])).resolves.toMatchObject({ label: 'd', personal: { erased: true } });
    await expect(store.create(randomUUID(), { label: 'x', personal: { name: 'x', born: 'y' }, searchKeys: [] }, [])).resolves.toBe(true);
  });

  it("seals each passenger's personal field with that child's own key", async () => {
    interface Trip { passengers: Array<{ caseId: string; handover?: { receivedBy: string } }> }
    const schema = new Schema({ _id: String, passengers: [Schema.Types.Mixed] }, { collection: 'trips', versionKey: false });
    const trips = new AggregateStore<Trip>(aggregateModel<Trip>('Trip', schema, { sealedPerChild: [{ array: 'passengers', childKey: 'caseId', field: 'handover' }] })(connection));
    const [a, b, tripId] = [randomUUID(), randomUUID(), randomUUID()];
    await trips.create(tripId, { passengers: [{ caseId: a, handover: { receivedBy: 'Gulnara Testova' } }, { caseId: b, handover: { receivedBy: 'Other Person' } }, { caseId: randomUUID() }] }, []);
    expect(JSON.stringify(await trips.model.collection.findOne({ _id: tripId } as never))).not.toContain('Gulnara');
    await privacy.erase(b);
    expect((await trips.get(tripId)).passengers.map((p) => p.handover)).toEqual([{ receivedBy: 'Gulnara Testova' }, { erased: true }, undefined]);
  });

  it('seals nested values one by one and leaves the structure around them plain, for rules that must work after erasure', async () => {
    interface File { items: Array<{ code: string; notes: Array<{ status: string; text?: string }> }>; closing?: { kind: string; text: string } }
    const schema = new Schema({ _id: String, items: [Schema.Types.Mixed], closing: Schema.Types.Mixed }, { collection: 'files', versionKey: false });
    const files = new AggregateStore<File>(aggregateModel<File>('File', schema, { sealedNested: ['items.notes.text', 'closing.text'] })(connection));
    const id = randomUUID();
    const file: File = { items: [{ code: 'a', notes: [{ status: 'done', text: `Seen ${NAME}` }, { status: 'open' }] }, { code: 'b', notes: [] }], closing: { kind: 'x', text: NAME } };
    await files.create(id, file, []);
    const stored = (await files.model.collection.findOne({ _id: id } as never)) as unknown as File;
    expect(JSON.stringify(stored)).not.toContain('Zuleikha');
    expect(stored.items.map((i) => [i.code, i.notes.map((n) => n.status)])).toEqual([['a', ['done', 'open']], ['b', []]]);
    expect(await files.get(id)).toMatchObject(file);
    expect((await files.model.findById(id).lean().exec())?.closing).toEqual(file.closing);
    await privacy.erase(id);
    const erased = await files.get(id);
    expect(erased.items[0]!.notes).toEqual([{ status: 'done', text: { erased: true } }, { status: 'open' }]);
    expect(erased.closing).toEqual({ kind: 'x', text: { erased: true } });
    // The file still changes after erasure: what was erased stays erased, the structure moves on.
    const next = await files.update(id, 1, { items: [...erased.items, { code: 'c', notes: [{ status: 'open' }] }] }, []);
    expect(next.items.map((i) => i.code)).toEqual(['a', 'b', 'c']);
    expect((await files.get(id)).items[0]!.notes[0]).toEqual({ status: 'done', text: { erased: true } });
    // A new text about the erased child is erased as it is written; the change itself goes through.
    await files.update(id, 2, { closing: { kind: 'y', text: `Later note on ${NAME}` } }, []);
    expect((await files.get(id)).closing).toEqual({ kind: 'y', text: { erased: true } });
    expect(JSON.stringify(await files.model.collection.findOne({ _id: id } as never))).not.toContain('Zuleikha');
  });
});
