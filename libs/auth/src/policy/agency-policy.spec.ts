import { Role } from '../roles';
import { AgencyGate, type ProgrammeDirectory } from './agency-gate';
import { agencyPolicyOf, DEFAULT_AGENCY_POLICY, participantsOfListlessProgramme, participantsOfNewProgramme, participates, readsWholeAuditTrail } from './agency-policy';

const caller = (agency: string) => ({ userId: `u-${agency}`, roles: [Role.CaseWorker], agency });

const directory: ProgrammeDirectory = {
  participantsOf: async (id) => ({ 'iq-ru': { participants: ['ombudsperson', 'security'] }, legacy: { participants: undefined } })[id] ?? null,
  all: async () => [
    { programmeId: 'iq-ru', participants: ['ombudsperson', 'security'] },
    { programmeId: 'sy-ru', participants: ['ministry'] },
    { programmeId: 'legacy', participants: undefined },
  ],
};

describe('the agency rule', () => {
  it.each([
    ['a participating agency', 'ombudsperson', ['ombudsperson', 'security'], true],
    ['another agency', 'ministry', ['ombudsperson', 'security'], false],
    ['an operator, listed or not', 'homeward-operations', ['ombudsperson'], true],
    ['nobody but operators, on a programme from before the lists', 'ministry', undefined, false],
    ['an operator, on a programme from before the lists', 'homeward-operations', undefined, true],
  ] as const)('%s: %s on %j → %s', (_what, agency, listed, allowed) => {
    expect(participates(DEFAULT_AGENCY_POLICY, { agency }, listed)).toBe(allowed);
  });

  it('gives a new programme the named list, else the deployment default, else the creator agency', () => {
    const withDefaults = { ...DEFAULT_AGENCY_POLICY, programmeDefaults: ['e', 'd'] };
    expect(participantsOfNewProgramme(withDefaults, { agency: 'a' }, ['c', 'b', 'c'])).toEqual(['b', 'c']);
    expect(participantsOfNewProgramme(withDefaults, { agency: 'a' }, undefined)).toEqual(['d', 'e']);
    expect(participantsOfNewProgramme(DEFAULT_AGENCY_POLICY, { agency: 'a' }, undefined)).toEqual(['a']);
  });

  it('repairs a programme from before the lists with its creator agency, or none (operators only)', () => {
    expect(participantsOfListlessProgramme('ombudsperson')).toEqual(['ombudsperson']);
    expect(participantsOfListlessProgramme(undefined)).toEqual([]);
  });

  it('reads the operator and audit agencies from the environment', () => {
    const policy = agencyPolicyOf({ HOMEWARD_OPERATOR_AGENCIES: ['ops'], HOMEWARD_AUDIT_AGENCIES: ['dpa'], HOMEWARD_PROGRAMME_AGENCIES: [] });
    expect(participates(policy, { agency: 'ops' }, ['x'])).toBe(true);
    expect(participates(policy, { agency: 'homeward-operations' }, ['x'])).toBe(false);
    expect(readsWholeAuditTrail(policy, { agency: 'dpa' })).toBe(true);
    expect(readsWholeAuditTrail(policy, { agency: 'x' })).toBe(false);
  });
});

describe('the agency gate', () => {
  const gate = new AgencyGate(DEFAULT_AGENCY_POLICY, directory);

  it('lets participants and operators act in a programme and nobody else; one not known yet is open until its list arrives', async () => {
    expect(await gate.mayActIn(caller('security'), 'iq-ru')).toBe(true);
    expect(await gate.mayActIn(caller('ministry'), 'iq-ru')).toBe(false);
    expect(await gate.mayActIn(caller('homeward-operations'), 'iq-ru')).toBe(true);
    expect(await gate.mayActIn(caller('ministry'), 'legacy')).toBe(false);
    expect(await gate.mayActIn(caller('homeward-operations'), 'legacy')).toBe(true);
    expect(await gate.mayActIn(caller('ministry'), 'not-known-yet')).toBe(true);
  });

  it('filters lists to the programmes the caller participates in', async () => {
    expect(await gate.listFilter(caller('ministry'))).toEqual({ programmeId: { $in: ['sy-ru'] } });
    expect(await gate.listFilter(caller('security'), 'programme')).toEqual({ programme: { $in: ['iq-ru'] } });
    expect(await gate.listFilter(caller('homeward-operations'))).toEqual({});
  });
});
