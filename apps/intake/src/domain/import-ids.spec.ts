import { duplicatePairId, importedCaseId, uuidV5 } from './import-ids';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it('matches the RFC 9562 example (Appendix A.4: DNS namespace, www.example.com)', () => {
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('matches other published vectors (Python uuid.uuid5 documentation and the uuid npm package)', () => {
    expect(uuidV5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('http://example.com/hello', URL_NS)).toBe('3bbcee75-cecc-5b56-8031-b6641c1ed1f1');
  });

  it('sets version 5 and the RFC variant, and hashes the name as UTF-8', () => {
    const id = uuidV5('Ахмед', DNS);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(id).not.toBe(uuidV5('Ahmed', DNS));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/namespace/);
  });
});

describe('derived ids', () => {
  it('gives an import row the same case id every time, and a different one per programme or reference', () => {
    expect(importedCaseId('iq-ru-2019', 'R-1')).toBe(importedCaseId('iq-ru-2019', 'R-1'));
    expect(importedCaseId('iq-ru-2019', 'R-1')).not.toBe(importedCaseId('iq-ru-2019', 'R-2'));
    expect(importedCaseId('iq-ru-2019', 'R-1')).not.toBe(importedCaseId('iq-fr-2019', 'R-1'));
  });

  it('gives a pair of cases one duplicate id in either order', () => {
    const [a, b] = [importedCaseId('p', '1'), importedCaseId('p', '2')];
    expect(duplicatePairId(a, b)).toBe(duplicatePairId(b, a));
    expect(duplicatePairId(a, b)).not.toBe(duplicatePairId(a, importedCaseId('p', '3')));
  });
});
