import { benchChild, familyNames, guardianAddress, registration } from './bench-children';

describe('bench children', () => {
  it('gives every number its own name, in both scripts', () => {
    const latin = new Set(Array.from({ length: 100_000 }, (_x, n) => familyNames(n).latin));
    const cyrillic = new Set(Array.from({ length: 5_000 }, (_x, n) => familyNames(n).cyrillic));
    expect(latin.size).toBe(100_000);
    expect(cyrillic.size).toBe(5_000);
  });

  it('names the case in the guardian address and registers under the programme', () => {
    expect(benchChild('b1-imp', 7)['guardians']).toEqual([expect.objectContaining({ email: guardianAddress('b1-imp', 7) })]);
    expect(registration('p', 'b1', 3)).toMatchObject({ programmeId: 'p', sex: 'male' });
    expect(registration('p', 'b1', 3)).not.toHaveProperty('rowReference');
  });
});
