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

/**
 * The free-text reason of a withdrawal is personal (it can name the child):
 * from v2 it travels in the `personal` part, sealed with the child's key in
 * the outbox, on Kafka and in dead letters, so erasing the child shreds it.
 * The upcaster (libs/contracts/src/upcasting/case-withdrawn.upcaster.ts)
 * converts either way without loss, so v1 readers keep working.
 */
export const CaseWithdrawnV2 = defineEvent({
  type: 'case.withdrawn.v2',
  topic: Topic.intake,
  keyedBy: 'case',
  summary: 'A case was withdrawn from the programme; why is personal and sealed.',
  schema: z
    .object({
      caseId: CaseId,
      withdrawnAt: Timestamp,
      personal: z
        .object({ reason: z.string().min(1).max(1000).describe('Why the case was withdrawn.') })
        .strict()
        .describe('Personal data: sealed with the child’s key.'),
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
