import type { ProgrammeDefinition } from '@homeward/contracts';
import { AggregateStore } from '@homeward/persistence';
import * as testing from '@homeward/testing';
import { actingAs } from '@homeward/testing';
import { newProgramme, type ProgrammeRecord } from '../domain/programme';
import { IntakeUnderTest, programmeBody } from '../http/case-api.test-kit';
import { registerProgrammeModel } from './programme.model';
import { repairListlessProgrammes } from './programme-participants.repair';

const CREATOR_AGENCY = 'iq-old-ministry';
const creator = actingAs('supervisor-of-old', ['supervisor'], CREATOR_AGENCY);
const stranger = actingAs('supervisor-elsewhere', ['supervisor'], 'another-agency');
const operator = actingAs('operator-1', ['supervisor'], 'homeward-operations');

/**
 * A programme from before the participation lists (stored without one, as
 * intake stored them then): closed to all but the operators, then repaired
 * once with its creator's agency from the audit trail, the change published
 * for the other services' copies.
 */
describe('intake: programmes from before the participation lists', () => {
  const intake = new IntakeUnderTest(testing);

  beforeAll(() => intake.start());
  afterAll(() => intake.stop());

  /** Stores a programme as intake did before the lists: no participatingAgencies. */
  const storeListless = async (programmeId: string, createdBy: string) => {
    const record = newProgramme(programmeBody(programmeId) as ProgrammeDefinition, new Date(), createdBy);
    expect(record).not.toHaveProperty('participatingAgencies');
    await new AggregateStore<ProgrammeRecord>(registerProgrammeModel(intake.service.context.connection)).createOrConflict(programmeId, record, [], 'programme');
  };

  it('shows a listless programme to operators only, then gives it its creator agency once, and publishes the change', async () => {
    // The creator's own calls, audited with their agency, as before the lists.
    expect((await intake.call('POST', '/programmes', programmeBody('old-listed-one'), creator)).status).toBe(201);
    await storeListless('old-programme', 'supervisor-of-old');
    await storeListless('orphan-programme', 'nobody-audited');

    for (const programmeId of ['old-programme', 'orphan-programme']) {
      expect({ programmeId, status: (await intake.call('GET', `/programmes/${programmeId}`, undefined, stranger)).status }).toEqual({ programmeId, status: 404 });
      expect({ programmeId, status: (await intake.call('GET', `/programmes/${programmeId}`, undefined, operator)).status }).toEqual({ programmeId, status: 200 });
    }
    const listed = await intake.call<{ items: Array<{ programmeId: string }> }>('GET', '/programmes', undefined, stranger);
    expect(listed.body.items.map((p) => p.programmeId)).toEqual([]);

    expect(await repairListlessProgrammes(intake.service.context)).toBe(2);
    expect(await repairListlessProgrammes(intake.service.context)).toBe(0);

    const repaired = await intake.call('GET', '/programmes/old-programme', undefined, creator);
    expect(repaired.status).toBe(200);
    expect(repaired.body).toMatchObject({ participatingAgencies: [CREATOR_AGENCY], version: 2 });
    expect((await intake.call('GET', '/programmes/old-programme', undefined, stranger)).status).toBe(404);
    expect((await intake.call('GET', '/programmes/orphan-programme', undefined, operator)).body).toMatchObject({ participatingAgencies: [] });
    expect((await intake.call('GET', '/programmes/orphan-programme', undefined, creator)).status).toBe(404);

    await intake.settled();
    expect(intake.publishedOfType('programme.participants-changed.v1').map((e) => [e.subject, (e.data as { participatingAgencies: string[] }).participatingAgencies])).toEqual(
      expect.arrayContaining([
        ['old-programme', [CREATOR_AGENCY]],
        ['orphan-programme', []],
      ]),
    );
    expect(intake.publishedOfType('programme.participants-changed.v1')).toHaveLength(2);
  });
});
