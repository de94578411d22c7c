import { ConflictError } from '@homeward/errors';
import { newProgramme, programmeDefinition, resumeProgramme, suspendProgramme } from './programme';

const definition = {
  programmeId: 'iq-ru-2019',
  name: 'Iraq → Russian Federation, children',
  originState: 'IQ',
  destinationState: 'RU',
  eligibility: { maxAgeAtRegistration: 17, childrenOnly: true },
  escortPolicy: { childrenPerEscort: 5, infantsPerEscort: 1, infantAgeMonths: 24 },
  requirements: ['nationality-verified' as const],
};
const now = new Date('2018-01-10T00:00:00Z');

describe('programme status', () => {
  const active = newProgramme(definition, now, 'lead');

  it('is created active and keeps its definition', () => {
    expect(active).toMatchObject({ status: 'active', createdBy: 'lead', createdAt: now.toISOString() });
    expect(programmeDefinition('iq-ru-2019', active)).toEqual(definition);
  });

  it('active → suspended with a reason, who and when', () => {
    expect(suspendProgramme('p', active, 'security disagreements', now, 'lead')).toEqual({
      status: 'suspended',
      suspension: { reason: 'security disagreements', at: now.toISOString(), by: 'lead' },
    });
  });

  it('suspended → active', () => {
    const suspended = { ...active, ...suspendProgramme('p', active, 'x', now, 'lead') };
    expect(resumeProgramme('p', suspended, now)).toEqual({ status: 'active', suspension: null, resumedAt: now.toISOString() });
  });

  it('refuses to suspend a suspended programme and to resume an active one (409)', () => {
    const suspended = { ...active, ...suspendProgramme('p', active, 'x', now, 'lead') };
    expect(() => suspendProgramme('p', suspended, 'again', now, 'lead')).toThrow(ConflictError);
    expect(() => resumeProgramme('p', active, now)).toThrow(ConflictError);
  });
});
