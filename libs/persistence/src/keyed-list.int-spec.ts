import type { Connection } from 'mongoose';
import { testServers, uniqueName } from '@homeward/testing';
import { KeyedList } from './keyed-list';
import { connectMongo } from './mongo-connection';

describe('KeyedList on the real MongoDB-wire server', () => {
  let first: Connection;
  let second: Connection;

  beforeAll(async () => {
    const dbName = uniqueName('keyedlist');
    first = await connectMongo({ url: testServers.mongoUrl, dbName });
    second = await connectMongo({ url: testServers.mongoUrl, dbName });
  });

  afterAll(async () => {
    await first.dropDatabase();
    await Promise.all([first.close(), second.close()]);
  });

  it('lists what was added under a key in order, each member once, and nothing of other keys', async () => {
    const list = KeyedList.of(first, 'lists');
    expect(await list.members('case-a')).toEqual([]);
    await list.add('case-a', 'case-a:arrived:g1');
    await list.add('case-b', 'case-b:arrived:g1');
    await list.add('case-a', 'case-a:arrived:g2');
    await list.add('case-a', 'case-a:arrived:g1');
    expect(await list.members('case-a')).toEqual(['case-a:arrived:g1', 'case-a:arrived:g2']);
    expect(await list.members('case-b')).toEqual(['case-b:arrived:g1']);
    // A key that is a prefix of another lists only its own members.
    expect(await list.members('case')).toEqual([]);
  });

  it('keeps every member of writers racing on one key, from two connections, once each and without holes', async () => {
    const lists = [KeyedList.of(first, 'lists'), KeyedList.of(second, 'lists')];
    const members = Array.from({ length: 16 }, (_v, i) => `race:${i}`);
    // Every member added twice, by both connections at once.
    await Promise.all([...members, ...members].map((member, i) => lists[i % 2]!.add('race', member)));
    const listed = await lists[0]!.members('race');
    expect([...listed].sort()).toEqual([...members].sort());
    const slots = await first.collection('lists').find({ key: 'race' }).sort({ _id: 1 }).toArray();
    expect(slots.map((s) => s._id)).toEqual(listed.map((_m, i) => `race#${String(i + 1).padStart(5, '0')}`));
  });
});
