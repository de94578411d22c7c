import type { Snapshot } from '@homeward/persistence';
import type { CaseRecord } from './case';
import { registerCase, type RegisteredCase } from './register-case';
import { RegisterCaseCommand } from './register-case.command';

/** A registered case as the store returns it, for the domain unit tests. */
export function storedCase(caseId: string, overrides: Partial<CaseRecord> = {}): Snapshot<CaseRecord> {
  const programme = { originState: 'IQ', destinationState: 'RU', eligibility: { maxAgeAtRegistration: 17, childrenOnly: true } };
  const command = RegisterCaseCommand.parse({
    programmeId: 'iq-ru-2019',
    sex: 'female',
    names: [{ given: 'Fatima', family: 'Ismailova', script: 'latin' }],
    birthDate: { value: '2015-04-01', precision: 'month' },
    facility: { type: 'camp', name: 'Camp A', city: 'Baghdad' },
    guardians: [{ relationship: 'grandmother', name: { given: 'Anna', family: 'Ismailova', script: 'latin' }, email: 'anna@example.org', preferredLanguage: 'ru' }],
  });
  let n = 0;
  const ids = { caseId, guardianId: () => `${caseId.slice(0, -2)}${String(++n).padStart(2, '0')}` };
  const { record } = registerCase(programme, command, new Date('2019-06-01T00:00:00Z'), ids, 'worker-1') as RegisteredCase;
  return { ...record, ...overrides, _id: caseId, version: 3 };
}
