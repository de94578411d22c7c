import { batchTag, chaosGroups } from './chaos-cases';

describe('chaos cases', () => {
  it.each([1, 33, 200, 2000])('makes exactly %i children with distinct names and guardian addresses per batch', (cases) => {
    const groups = chaosGroups('chaos1', cases);
    const children = groups.flatMap((g) => g.children);
    expect(children).toHaveLength(cases);
    const names = new Set(children.map((c) => c.registration.names.map((n) => `${n.given} ${n.family}`).join('|')));
    expect(names.size).toBe(cases);
    expect(new Set(groups.map((g) => g.key)).size).toBe(groups.length);
  });

  it('tags batches without repeating', () => {
    const tags = Array.from({ length: 500 }, (_, i) => batchTag(i));
    expect(new Set(tags).size).toBe(500);
  });
});
