import { auditDelivery, republished } from './delivery-audit';
import type { TopicRecord } from './topic-reader';

const record = (offset: number, id: string, key = 'case-1', type = 'case.cleared.v1'): TopicRecord => ({ topic: 't', partition: 0, offset, key, id, type });
const done = (eventId: string, at: number, type = 'case.cleared.v1') => ({ group: 'g', eventId, type, processedAt: new Date(at) });

describe('auditDelivery', () => {
  const topic = [record(0, 'a'), record(1, 'b'), record(2, 'c'), record(3, 'x', 'case-2', 'case.other.v1'), record(4, 'b')];

  it('counts every handled event once, though published twice, and sees none lost or out of order', () => {
    expect(auditDelivery('t', topic, 'g', [done('a', 1), done('b', 2), done('c', 2)], 0)).toEqual({ topic: 't', group: 'g', produced: 3, consumed: 3, lost: 0, inversions: 0, lag: 0 });
  });

  it('finds a lost event and an inversion within a case', () => {
    expect(auditDelivery('t', topic, 'g', [done('a', 5), done('b', 3)], 2)).toMatchObject({ produced: 3, consumed: 2, lost: 1, inversions: 1, lag: 2 });
  });

  it('counts an upcast version as the family the group handles', () => {
    const mixed = [record(0, 'a', 'k', 'case.registered.v1'), record(1, 'b', 'k', 'case.registered.v2')];
    expect(auditDelivery('t', mixed, 'g', [done('a', 1, 'case.registered.v2')], 0)).toMatchObject({ produced: 2, consumed: 1, lost: 1 });
  });

  it('counts republished ids', () => {
    expect(republished(topic)).toBe(1);
  });
});
