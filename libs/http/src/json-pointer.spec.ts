import { toJsonPointer } from './json-pointer';

describe('toJsonPointer', () => {
  it('joins segments and escapes ~ and / (RFC 6901)', () => {
    expect(toJsonPointer(['child', 'names', 0, 'given'])).toBe('/child/names/0/given');
    expect(toJsonPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(toJsonPointer([])).toBe('');
  });
});
