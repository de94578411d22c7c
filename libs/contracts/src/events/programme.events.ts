import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Timestamp } from '../common';
import { ProgrammeDefinition, ProgrammeId } from '../programme';
import { AgencyId } from './subscription.events';
import { Topic } from '../topics';

export const ProgrammeCreatedV1 = defineEvent({
  type: 'programme.created.v1',
  topic: Topic.intake,
  keyedBy: 'programme',
  summary: 'A repatriation programme between an origin and a destination state was created, active.',
  schema: ProgrammeDefinition.extend({ createdAt: Timestamp }).strict(),
});

export const ProgrammeSuspendedV1 = defineEvent({
  type: 'programme.suspended.v1',
  topic: Topic.intake,
  keyedBy: 'programme',
  summary: 'A programme was suspended: no new movement assignments; intake and legal work go on.',
  schema: z
    .object({
      programmeId: ProgrammeId,
      reason: z.string().min(1).max(1000).describe('Why the programme was suspended.'),
      suspendedAt: Timestamp,
    })
    .strict(),
});

export const ProgrammeResumedV1 = defineEvent({
  type: 'programme.resumed.v1',
  topic: Topic.intake,
  keyedBy: 'programme',
  summary: 'A suspended programme was resumed.',
  schema: z.object({ programmeId: ProgrammeId, resumedAt: Timestamp }).strict(),
});

export const ProgrammeParticipantsChangedV1 = defineEvent({
  type: 'programme.participants-changed.v1',
  topic: Topic.intake,
  keyedBy: 'programme',
  summary:
    "A programme's participating agencies were set: so far only by intake's one-time repair of a programme from before the lists, which gets its creator's agency (or none: operators only).",
  schema: z
    .object({
      programmeId: ProgrammeId,
      participatingAgencies: z
        .array(AgencyId)
        .max(50)
        .describe("The agencies whose people may act on the programme's objects from now on; empty: the operator agencies only."),
      changedAt: Timestamp,
    })
    .strict(),
});
