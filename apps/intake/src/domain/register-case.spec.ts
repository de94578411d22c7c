import { RuleViolationError } from '@homeward/errors';
import { registerCase, type RegisterCaseInput, type RegisteredCase } from './register-case';
import { RegisterCaseCommand } from './register-case.command';

const programme = { originState: 'IQ', destinationState: 'RU', eligibility: { maxAgeAtRegistration: 17, childrenOnly: true } };
const now = new Date('2019-07-01T08:00:00.000Z');
const caseId = '6f9d0a52-7a55-4a43-9d0e-5c1c43a9e001';
let n = 0;
const ids = { caseId, guardianId: () => `00000000-0000-4000-8000-00000000000${++n}` };

const input = (overrides: Partial<RegisterCaseInput> = {}): RegisterCaseInput =>
  RegisterCaseCommand.parse({
    programmeId: 'iq-ru-2019',
    sex: 'male',
    names: [
      { given: 'Ахмед', family: 'Исмаилов', script: 'cyrillic' },
      { given: 'Ahmed', family: 'Ismailov', script: 'latin' },
    ],
    birthDate: { value: '2014-01-01', precision: 'year' },
    facility: { type: 'orphanage', name: 'Baghdad Orphanage  No. 2', city: 'Baghdad' },
    mother: { status: 'convicted', location: 'Baghdad prison' },
    guardians: [{ relationship: 'grandmother', name: { given: 'Анна', family: 'Исмаилова', script: 'cyrillic' }, email: 'anna@example.org', preferredLanguage: 'ru' }],
    ...overrides,
  });

describe('registerCase', () => {
  it('builds the record and the case.registered.v2 data, origin and destination from the programme', () => {
    const outcome = registerCase(programme, input(), now, ids, 'worker-1') as RegisteredCase;
    expect(outcome).not.toBeInstanceOf(RuleViolationError);
    expect(outcome.record).toMatchObject({
      programmeId: 'iq-ru-2019',
      originState: 'IQ',
      destinationState: 'RU',
      stage: 'registered',
      stageHistory: [{ stage: 'registered', at: now.toISOString() }],
      siblingCaseIds: [],
      claimedNationalities: [],
      requiresMedicalEscort: false,
      facilityKey: 'baghdad orphanage no. 2',
      registeredBy: 'worker-1',
    });
    expect(outcome.record.nameKeys).toEqual(expect.arrayContaining(['t:ahmed', 'm:AMT', 't:ismailov']));
    expect(outcome.record.personal.guardians[0]!.guardianId).toMatch(/^00000000-/);
    expect(outcome.record.personal).not.toHaveProperty('father');
    const { birthDate, ...rest } = outcome.record.personal;
    expect(outcome.event).toMatchObject({ caseId, registeredAt: now.toISOString(), personal: { ...rest, birthDate: birthDate.value, birthDatePrecision: birthDate.precision } });
    expect(outcome.event).not.toHaveProperty('importReference');
  });

  it('carries an import row reference into the record and the event', () => {
    const outcome = registerCase(programme, { ...input(), importReference: 'list-7/row-12' }, now, ids, 'importer') as RegisteredCase;
    expect(outcome.record.importReference).toBe('list-7/row-12');
    expect(outcome.event.importReference).toBe('list-7/row-12');
  });

  it('refuses an unknown programme, naming the rule', () => {
    const refusal = registerCase(undefined, input(), now, ids, 'worker-1');
    expect(refusal).toBeInstanceOf(RuleViolationError);
    expect((refusal as RuleViolationError).rule).toBe('programme-exists');
  });

  it('refuses a child over the maximum age at registration', () => {
    const refusal = registerCase(programme, input({ birthDate: { value: '2001-06-30', precision: 'day' } }), now, ids, 'worker-1');
    expect((refusal as RuleViolationError).rule).toBe('children-only');
    const older = registerCase(
      { ...programme, eligibility: { maxAgeAtRegistration: 12, childrenOnly: false } },
      input({ birthDate: { value: '2005-01-01', precision: 'year' } }),
      now,
      ids,
      'worker-1',
    );
    expect((older as RuleViolationError).rule).toBe('max-age-at-registration');
  });
});
