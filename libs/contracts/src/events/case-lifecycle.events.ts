import { z } from 'zod';
import { defineEvent } from '../define-event';
import { CaseId, Timestamp } from '../common';
import { CaseSnapshot } from '../case-snapshot';
import { Topic } from '../topics';

export const CaseUpdatedV1 = defineEvent({
  type: 'case.updated.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A case was changed (details, siblings or guardians); carries the whole new snapshot.',
  schema: CaseSnapshot.extend({
    version: z.number().int().positive().describe('Version of the case after the change.'),
    updatedAt: Timestamp,
  }).strict(),
});

export const CaseWithdrawnV1 = defineEvent({
  type: 'case.withdrawn.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A case was withdrawn from the programme.',
  schema: z
    .object({
      caseId: CaseId,
      reason: z.string().min(1).max(1000).describe('Why the case was withdrawn.'),
      withdrawnAt: Timestamp,
    })
    .strict(),
});

export const CaseMergedV1 = defineEvent({
  type: 'case.merged.v1',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A duplicate case was merged into another; the merged case points to the survivor.',
  schema: z
    .object({
      caseId: CaseId.describe('The case that was merged away.'),
      survivorCaseId: CaseId.describe('The case that survives and keeps both histories.'),
      mergedAt: Timestamp,
    })
    .strict(),
});
