import { EvidenceRequestShape } from './legal-checklist.test-schema';
import { legalChecklist } from './legal-checklist';
import { seedGroups } from './seed-children';
import { ACTORS, PROGRAMME } from './seed-groups';

const [group] = seedGroups('lc1');
const departure = group!.flight.scheduledDeparture;

describe('legalChecklist', () => {
  const children = group!.children;

  it("meets every requirement of the programme, in the programme's order", () => {
    for (const child of children) expect(legalChecklist(child, departure).map((w) => w.code)).toEqual(PROGRAMME.requirements);
  });

  it('has a legal officer satisfy every requirement on evidence legal accepts, dated before the flight', () => {
    for (const child of children) {
      for (const work of legalChecklist(child, departure).filter((w) => w.code !== 'security-screening')) {
        expect(work.by).toBe(ACTORS.legalOfficer);
        expect(() => EvidenceRequestShape.parse(work.evidence)).not.toThrow();
        if (work.evidence?.kind === 'document') expect(work.evidence.issuedOn < departure.slice(0, 10)).toBe(true);
        expect(work.decision.decision).toBe('satisfied');
      }
    }
  });

  it('says on what basis the guardian was approved, and on no other requirement', () => {
    for (const work of legalChecklist(children[0]!, departure)) {
      expect(work.decision.basis).toBe(work.code === 'guardian-approved' ? 'guardian-or-sponsor-approved' : undefined);
    }
  });

  it('leaves the screening to the screening officer, without evidence', () => {
    const screening = legalChecklist(children[0]!, departure).find((w) => w.code === 'security-screening')!;
    expect(screening.by).toBe(ACTORS.screeningOfficer);
    expect(screening.evidence).toBeUndefined();
  });

  it("asks the mother's consent when she can give it, and a court order otherwise", () => {
    for (const child of children) {
      const consent = legalChecklist(child, departure).find((w) => w.code === 'parental-consent')!;
      const held = ['detained', 'convicted'].includes(child.registration.mother?.status ?? '');
      expect(consent.evidence).toMatchObject({ documentType: held ? 'Notarised parental consent' : 'Court order on the return of the child' });
    }
  });
});
