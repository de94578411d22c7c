import { randomUUID } from 'node:crypto';
import { participantsOfListlessProgramme } from '@homeward/auth';
import { ProgrammeParticipantsChangedV1 } from '@homeward/contracts';
import { PreconditionFailedError } from '@homeward/errors';
import { AggregateStore } from '@homeward/persistence';
import type { ServiceContext } from '@homeward/runtime';
import type { ProgrammeRecord } from '../domain/programme';
import { registerProgrammeModel } from './programme.model';

export const PROGRAMME_REPAIR = 'programme-participants-repair';

/**
 * The one-time repair of programmes from before the participation lists
 * (libs/auth agency-policy: a programme without a list is closed to all but
 * the operators). Each gets its creator's agency, as the audit trail recorded
 * it on the creator's `POST /programmes` (or on any call of theirs), or an
 * empty list (operators only) when the trail does not tell; the change is
 * published as `programme.participants-changed.v1` with the programme's
 * commit, so that legal, logistics, notification and the dashboard repair
 * their copies too. Run at every start: once every programme has a list it
 * finds nothing, and a programme another instance repaired meanwhile is
 * skipped by the version check.
 */
export async function repairListlessProgrammes(context: ServiceContext, now: () => Date = () => new Date()): Promise<number> {
  const programmes = new AggregateStore<ProgrammeRecord>(registerProgrammeModel(context.connection));
  const listless = (await programmes.model.find({ participatingAgencies: { $exists: false } }, { _id: 1 }).lean().exec()) as Array<{ _id: unknown }>;
  let repaired = 0;
  for (const { _id } of listless) {
    const programmeId = String(_id);
    const current = await programmes.get(programmeId, 'programme');
    if (current.participatingAgencies) continue;
    const calls = await context.audit.query({ actor: current.createdBy, limit: 500 });
    const creating = calls.find((r) => r.operation === 'POST /programmes' && r.status === 201) ?? calls[0];
    const participatingAgencies = participantsOfListlessProgramme(creating?.actor.agency);
    const event = context.events(ProgrammeParticipantsChangedV1, { programmeId, participatingAgencies, changedAt: now().toISOString() }, { correlationid: `${PROGRAMME_REPAIR}:${randomUUID()}` });
    try {
      await programmes.update(programmeId, current.version, { participatingAgencies }, [event], 'programme');
    } catch (error) {
      if (error instanceof PreconditionFailedError) continue; // another instance repaired it, or an admin changed it: read again at the next start
      throw error;
    }
    context.published();
    context.logger.info({ programmeId, participatingAgencies }, 'programme from before the participation lists given its creator agency');
    repaired++;
  }
  return repaired;
}
