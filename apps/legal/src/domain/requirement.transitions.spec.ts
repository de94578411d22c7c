import { RequirementCode } from '@homeward/contracts';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@homeward/errors';
import { GuardianBasis, type LegalFileState } from './legal-file.state';
import { allStatuses, inStatus, nextEvidenceId, now, officer, openedFile, passport, screener, withEvidence } from './legal-file.spec-helper';
import { attachEvidence, decideRequirement, SCREENING_PUBLIC_REASON } from './requirement.transitions';

const nationality = RequirementCode.nationalityVerified;
const screening = RequirementCode.securityScreening;
const guardian = RequirementCode.guardianApproved;
const requirement = (file: LegalFileState, code: RequirementCode) => file.requirements.find((r) => r.code === code)!;
const decide = (file: LegalFileState, decision: 'satisfied' | 'refused', code: RequirementCode = nationality, actor = officer) =>
  decideRequirement(file, { requirement: code, decision, reason: `${decision} for a test` }, actor, now);

describe('attachEvidence', () => {
  it('adds a document to a requirement and raises a thin event without its details', () => {
    const evidenceId = nextEvidenceId();
    const { state, event } = attachEvidence(openedFile(), { requirement: nationality, evidenceId, details: passport }, officer, now);
    expect(requirement(state, nationality).evidence).toEqual([{ ...passport, evidenceId, attachedBy: 'officer-1', attachedAt: now.toISOString() }]);
    expect(event).toEqual({ caseId: state.caseId, requirement: nationality, evidenceId, kind: 'document', attachedBy: 'officer-1', attachedAt: now.toISOString() });
  });

  it('adds a DNA result', () => {
    const dna = { kind: 'dna', laboratory: 'Test Lab', sampleId: 'S-1', testedRelative: 'grandmother', kinshipProbability: 0.9998 } as const;
    const { state, event } = attachEvidence(openedFile(), { requirement: nationality, evidenceId: nextEvidenceId(), details: dna }, officer, now);
    expect(requirement(state, nationality).evidence[0]).toMatchObject(dna);
    expect(event.kind).toBe('dna');
  });

  it('adds evidence to a refused requirement, for a re-decision', () => {
    const refused = decide(withEvidence(openedFile(), nationality), 'refused').state;
    expect(requirement(withEvidence(refused, nationality), nationality).evidence).toHaveLength(2);
  });

  it.each(allStatuses.filter((s) => s !== 'open'))('refuses evidence on a %s file with 409 naming the state', (status) => {
    const file = inStatus(openedFile(), status);
    expect(() => withEvidence(file, nationality)).toThrow(ConflictError);
    expect(() => withEvidence(file, nationality)).toThrow(`the legal file is ${status}`);
  });

  it('refuses evidence for a requirement that is not on the checklist with 404', () => {
    const file = { ...openedFile(), requirements: openedFile().requirements.filter((r) => r.code !== nationality) };
    expect(() => withEvidence(file, nationality)).toThrow(NotFoundError);
  });

  it('lets only the screening role attach screening evidence', () => {
    expect(() => withEvidence(openedFile(), screening, officer)).toThrow(ForbiddenError);
    expect(requirement(withEvidence(openedFile(), screening, screener), screening).evidence).toHaveLength(1);
  });
});

describe('decideRequirement', () => {
  it('pending → satisfied on evidence, recording who, when, why and the evidence considered', () => {
    const file = withEvidence(openedFile(), nationality);
    const { state, event } = decide(file, 'satisfied');
    const decided = requirement(state, nationality);
    expect(decided.status).toBe('satisfied');
    expect(decided.decisions).toEqual([
      { decision: 'satisfied', reason: 'satisfied for a test', evidenceIds: [decided.evidence[0]!.evidenceId], decidedBy: 'officer-1', decidedAt: now.toISOString() },
    ]);
    expect(event).toEqual({ caseId: file.caseId, requirement: nationality, decision: 'satisfied', decidedBy: 'officer-1', decidedAt: now.toISOString(), personal: { reason: 'satisfied for a test' } });
  });

  it('pending → refused, with or without evidence', () => {
    expect(requirement(decide(openedFile(), 'refused').state, nationality).status).toBe('refused');
  });

  it('refuses pending → satisfied without evidence with 422 evidence-required', () => {
    expect(() => decide(openedFile(), 'satisfied')).toThrow(expect.objectContaining({ rule: 'evidence-required' }));
  });

  it('refused → satisfied once new evidence is attached', () => {
    const refused = decide(withEvidence(openedFile(), nationality), 'refused').state;
    expect(() => decide(refused, 'satisfied')).toThrow(expect.objectContaining({ rule: 'evidence-required' }));
    const state = decide(withEvidence(refused, nationality), 'satisfied').state;
    expect(requirement(state, nationality).status).toBe('satisfied');
    expect(requirement(state, nationality).decisions.map((d) => d.decision)).toEqual(['refused', 'satisfied']);
  });

  it.each([
    ['satisfied', 'satisfied'],
    ['satisfied', 'refused'],
    ['refused', 'refused'],
  ] as const)('refuses %s → %s with 409', (from, to) => {
    const decided = decide(withEvidence(openedFile(), nationality), from).state;
    expect(() => decide(withEvidence(decided, nationality), to)).toThrow(ConflictError);
    expect(() => decide(withEvidence(decided, nationality), to)).toThrow(`already ${from}`);
  });

  it.each(allStatuses.filter((s) => s !== 'open'))('refuses a decision on a %s file with 409 naming the state', (status) => {
    const file = inStatus(withEvidence(openedFile(), nationality), status);
    expect(() => decide(file, 'satisfied')).toThrow(`the legal file is ${status}`);
  });

  describe('security screening', () => {
    it('is decided by the screening role only (403 otherwise)', () => {
      expect(() => decide(openedFile(), 'satisfied', screening, officer)).toThrow(ForbiddenError);
      expect(() => decide(openedFile(), 'satisfied', screening, officer)).toThrow(/screening-officer/);
    });

    it('needs no evidence, and publishes the outcome without the reason', () => {
      const { state, event } = decideRequirement(openedFile(), { requirement: screening, decision: 'refused', reason: 'Secret finding.' }, screener, now);
      expect(requirement(state, screening).decisions[0]!.reason).toBe('Secret finding.');
      expect(event.personal.reason).toBe(SCREENING_PUBLIC_REASON);
      expect(requirement(decide(state, 'satisfied', screening, screener).state, screening).status).toBe('satisfied');
    });
  });

  describe('guardian requirement: a guardian or sponsor approved, or state care arranged', () => {
    const withGuardianEvidence = () => withEvidence(openedFile(), guardian);

    it.each(Object.values(GuardianBasis))('is satisfied with basis %s, recorded on the decision', (basis) => {
      const state = decideRequirement(withGuardianEvidence(), { requirement: guardian, decision: 'satisfied', reason: 'Assessed.', basis }, officer, now).state;
      expect(requirement(state, guardian).decisions[0]!.basis).toBe(basis);
    });

    it('refuses satisfying it without a basis with 422 guardian-basis', () => {
      expect(() => decide(withGuardianEvidence(), 'satisfied', guardian)).toThrow(expect.objectContaining({ rule: 'guardian-basis' }));
    });

    it('refuses a basis on any other decision with 422 guardian-basis', () => {
      const command = { requirement: nationality, decision: 'satisfied', reason: 'x', basis: GuardianBasis.stateCareArranged } as const;
      expect(() => decideRequirement(withEvidence(openedFile(), nationality), command, officer, now)).toThrow(RuleViolationError);
    });
  });
});
