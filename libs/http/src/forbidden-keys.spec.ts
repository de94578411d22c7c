import { findForbiddenKeys } from './forbidden-keys';

describe('findForbiddenKeys', () => {
  it('finds operator, dotted and __proto__ keys with their pointers', () => {
    const document = JSON.parse('{"a":[{"$ne":1}],"b.c":2,"d":{"__proto__":{"x":1},"e/f":{"$in":[]}}}');
    expect(findForbiddenKeys(document).map((v) => v.field)).toEqual([
      '/a/0/$ne',
      '/b.c',
      '/d/__proto__',
      '/d/e~1f/$in',
    ]);
  });

  it('accepts ordinary documents and scalars', () => {
    expect(findForbiddenKeys({ child: { names: [{ given: 'a$b' }] } })).toEqual([]);
    expect(findForbiddenKeys('text')).toEqual([]);
    expect(findForbiddenKeys(undefined)).toEqual([]);
  });

  it('walks a document nested deeper than the call stack', () => {
    const depth = 100_000;
    const document = JSON.parse(`${'{"a":'.repeat(depth)}{"$where":1}${'}'.repeat(depth)}`);
    const [violation] = findForbiddenKeys(document);
    expect(violation?.field.endsWith('/a/$where')).toBe(true);
  });

  it('reports at most 20 keys', () => {
    const document = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`$k${i}`, i]));
    expect(findForbiddenKeys(document)).toHaveLength(20);
  });
});
