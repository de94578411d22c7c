import { escortStatus } from './escort-status';

describe('escort status of a movement', () => {
  const children = (n: number, medical = 0) => Array.from({ length: n }, (_, i) => ({ status: 'assigned' as const, medical: i < medical }));

  it('needs one escort per N children, rounded up', () => {
    expect(escortStatus({ a: 'official', b: 'carer' }, children(11), { childrenPerEscort: 5 })).toMatchObject({ escorts: 2, required: 3, ok: false });
    expect(escortStatus({ a: 'official', b: 'carer', c: 'psychologist' }, children(11), { childrenPerEscort: 5 })).toMatchObject({ ok: true });
  });

  it('needs a medical escort when a child needs one', () => {
    expect(escortStatus({ a: 'official' }, children(2, 1), { childrenPerEscort: 5 })).toMatchObject({ medicalNeeded: true, medicalOnBoard: false, ok: false });
    expect(escortStatus({ a: 'medical' }, children(2, 1), { childrenPerEscort: 5 })).toMatchObject({ medicalOnBoard: true, ok: true });
  });
});
