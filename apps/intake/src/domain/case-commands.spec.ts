import { ConflictError, NotFoundError, RuleViolationError } from '@homeward/errors';
import { updateCaseDetails, type CaseChange } from './case-changes';
import { addGuardian, assertSiblingGroup, siblingGroup, siblingsToSet, updateGuardian } from './case-family';
import { storedCase } from './case.fixture';
import { mergeCaseInto } from './case-merge';
import { CaseStage } from './case-stage';
import { withdrawCase } from './case-withdrawal';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa00';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb00';
const C = 'cccccccc-cccc-4ccc-8ccc-cccccccccc00';
const now = new Date('2019-06-05T10:00:00Z');
const programme = { originState: 'IQ', destinationState: 'RU', eligibility: { maxAgeAtRegistration: 17, childrenOnly: true } };
const ended = [CaseStage.withdrawn, CaseStage.rejected, CaseStage.merged];

describe('updating case details', () => {
  it('changes the given details, recomputes the name keys and carries the next version and whole snapshot', () => {
    const change = updateCaseDetails(A, storedCase(A), { names: [{ given: 'Ахмед', family: 'Исмаилов', script: 'cyrillic' }], medicalNeeds: 'asthma' }, programme, now, 'w2') as CaseChange;
    expect(change.set.nameKeys).toContain('m:AMT');
    expect(change.set.personal?.medicalNeeds).toBe('asthma');
    expect(change.set.updatedBy).toBe('w2');
    expect(change.event).toMatchObject({ caseId: A, version: 4, updatedAt: now.toISOString(), personal: { medicalNeeds: 'asthma' } });
  });

  it('removes an optional detail given null', () => {
    const current = storedCase(A, { personal: { ...storedCase(A).personal, placeOfBirth: 'Mosul' } });
    const change = updateCaseDetails(A, current, { placeOfBirth: null }, programme, now, 'w2') as CaseChange;
    expect(change.set.personal).not.toHaveProperty('placeOfBirth');
  });

  it('refuses a corrected birth date that breaks the eligibility at registration', () => {
    const refusal = updateCaseDetails(A, storedCase(A), { birthDate: { value: '1990-01-01', precision: 'day' } }, programme, now, 'w2');
    expect((refusal as RuleViolationError).rule).toBe('children-only');
  });

  it.each(ended)('refuses any change to a %s case (409)', (stage) => {
    expect(() => updateCaseDetails(A, storedCase(A, { stage }), { sex: 'male' }, programme, now, 'w2')).toThrow(ConflictError);
    expect(() => addGuardian(A, storedCase(A, { stage }), storedCase(A).personal.guardians[0]!, C, now, 'w2')).toThrow(ConflictError);
  });
});

describe('guardians', () => {
  const guardian = { relationship: 'grandfather', name: { given: 'Ivan', family: 'Ismailov', script: 'latin' as const }, email: 'ivan@example.org', preferredLanguage: 'ru' as const };

  it('adds a guardian with its id', () => {
    const change = addGuardian(A, storedCase(A), guardian, C, now, 'w2') as CaseChange;
    expect(change.set.personal?.guardians.map((g) => g.guardianId)).toEqual([storedCase(A).personal.guardians[0]!.guardianId, C]);
  });

  it('refuses an eleventh guardian', () => {
    const full = storedCase(A);
    full.personal.guardians = Array.from({ length: 10 }, (_, i) => ({ ...guardian, guardianId: `${C.slice(0, -2)}${i}0` }));
    expect((addGuardian(A, full, guardian, C, now, 'w2') as RuleViolationError).rule).toBe('max-guardians');
  });

  it('changes one guardian and removes a field given null', () => {
    const current = storedCase(A);
    const id = current.personal.guardians[0]!.guardianId;
    current.personal.guardians[0] = { ...current.personal.guardians[0]!, phone: '+7 495 000 00 00' };
    const change = updateGuardian(A, current, id, { email: 'new@example.org', phone: null }, now, 'w2');
    expect(change.set.personal?.guardians[0]).toMatchObject({ guardianId: id, email: 'new@example.org', relationship: 'grandmother' });
    expect(change.set.personal?.guardians[0]).not.toHaveProperty('phone');
  });

  it('answers 404 for an unknown guardian', () => {
    expect(() => updateGuardian(A, storedCase(A), C, { email: 'x@example.org' }, now, 'w2')).toThrow(NotFoundError);
  });
});

describe('siblings', () => {
  it('closes the group over the siblings members already have, asking for what is not loaded', () => {
    const loaded = new Map([[A, storedCase(A)], [B, storedCase(B, { siblingCaseIds: [C] })]]);
    expect(siblingGroup(A, [B], loaded)).toEqual({ group: [A, B, C], missing: [C] });
    loaded.set(C, storedCase(C, { siblingCaseIds: [B] }));
    expect(siblingGroup(A, [B], loaded)).toEqual({ group: [A, B, C], missing: [] });
  });

  it('refuses a case as its own sibling, an unknown case, an ended case and another programme', () => {
    expect(() => siblingGroup(A, [A], new Map())).toThrow(RuleViolationError);
    expect(() => assertSiblingGroup(A, [A, B], new Map([[A, storedCase(A)], [B, null]]))).toThrow(/does not exist/);
    expect(() => assertSiblingGroup(A, [A, B], new Map([[A, storedCase(A)], [B, storedCase(B, { stage: CaseStage.withdrawn })]]))).toThrow(ConflictError);
    expect(() => assertSiblingGroup(A, [A, B], new Map([[A, storedCase(A)], [B, storedCase(B, { programmeId: 'iq-fr-2019' })]]))).toThrow(/programme/);
  });

  it('writes nothing to a member that already lists the whole group (idempotent)', () => {
    expect(siblingsToSet(A, [B, C], [A, B, C])).toBeUndefined();
    expect(siblingsToSet(A, [B], [A, B, C])).toEqual([B, C]);
  });
});

describe('withdrawal', () => {
  it.each([CaseStage.registered, CaseStage.inLegalReview, CaseStage.cleared, CaseStage.assigned, CaseStage.onHold])('withdraws a %s case', (stage) => {
    const { set, event } = withdrawCase(A, storedCase(A, { stage }), 'family found elsewhere', now, 'w2', 'f1');
    expect(set.stage).toBe(CaseStage.withdrawn);
    expect(set.withdrawal).toEqual({ reason: 'family found elsewhere', at: now.toISOString(), by: 'w2' });
    expect(event).toEqual({ caseId: A, withdrawnAt: now.toISOString(), personal: { reason: 'family found elsewhere' } });
  });

  it.each([CaseStage.boarded, CaseStage.arrived, CaseStage.closed, ...ended])('refuses to withdraw a %s case (409)', (stage) => {
    expect(() => withdrawCase(A, storedCase(A, { stage }), 'x', now, 'w2', 'f1')).toThrow(ConflictError);
  });
});

describe('merge (for duplicate detection)', () => {
  it('marks the case merged, pointing to the survivor, keeping its history', () => {
    const { set, event } = mergeCaseInto(A, storedCase(A), B, now, 'w2', 'f2');
    expect(set).toMatchObject({ stage: CaseStage.merged, mergedInto: B });
    expect(set.stageHistory?.map((h) => h.stage)).toEqual(['registered', 'merged']);
    expect(event).toEqual({ caseId: A, survivorCaseId: B, mergedAt: now.toISOString() });
  });

  it('refuses to merge a case into itself, an ended case, or a case with a seat', () => {
    expect(() => mergeCaseInto(A, storedCase(A), A, now, 'w2', 'f2')).toThrow(RuleViolationError);
    expect(() => mergeCaseInto(A, storedCase(A, { stage: CaseStage.merged }), B, now, 'w2', 'f2')).toThrow(ConflictError);
    expect(() => mergeCaseInto(A, storedCase(A, { stage: CaseStage.assigned }), B, now, 'w2', 'f2')).toThrow(ConflictError);
  });
});
